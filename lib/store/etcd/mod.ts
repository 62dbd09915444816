/**
 * The etcd backend of the Store: for a control plane that outgrows one machine, kclone keeps
 * its objects where Kubernetes keeps them, in etcd, under the same keys
 * (`/registry/pods/default/web`, `/registry/minions/node-a`, `/registry/services/specs/...`).
 *
 * Why etcd's v3 JSON gateway over fetch, and no npm etcd client: the npm clients (`etcd3` and
 * the like) speak gRPC through `@grpc/grpc-js`, which rests on `node:http2`. Under Deno that
 * stack has been a moving target: parts of `node:http2` are missing (`Http2Session.socket`,
 * denoland/deno#20903) and a minor grpc-js release stopped connecting at all
 * (denoland/deno#28566); `etcd3` does not claim Deno support (microsoft/etcd3#140). A broken
 * watch stream is exactly what a store must not have. The gateway ships inside etcd (3.4 on
 * Debian), is on by default on the client port, and takes the same requests as JSON
 * (`POST /v3/kv/range`, `/v3/kv/txn`, `/v3/watch` streaming, ...): it needs nothing but fetch,
 * adds no dependency, and is the same API etcdctl uses, so its semantics are etcd's own.
 *
 * @module
 */
export { EtcdStore, type EtcdStoreOptions } from "./etcd_store.ts";
