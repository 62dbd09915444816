import assert from "node:assert/strict";
import type { Namespace } from "../../lib/api/types.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";
import { parseServerUrls, RemoteStore, ServerConnectionError } from "../../lib/store/remote/mod.ts";
import {
  afterFailure,
  connectionFailure,
  mayRetryElsewhere,
  nextServer,
} from "../../lib/store/remote/_server_rotation.ts";
import { makeNode } from "../_fixtures.ts";
import { type Fault, startFaultyServer } from "./_faulty_servers.ts";

Deno.test("nextServer() tries the current server first, then the others in list order, each once", () => {
  const cases: [number, number, number[], number | undefined][] = [
    // count, current, tried, next
    [3, 0, [], 0],
    [3, 0, [0], 1],
    [3, 1, [0], 1], // another request moved the client on: go there
    [3, 2, [2], 0], // wraps
    [3, 1, [1, 2], 0],
    [3, 0, [0, 1, 2], undefined],
    [1, 0, [0], undefined],
  ];
  for (const [count, current, tried, next] of cases) {
    assert.equal(nextServer(count, current, new Set(tried)), next, `${count} ${current} ${tried}`);
  }
});

Deno.test("afterFailure() moves on from a failed server only while it is still current", () => {
  assert.equal(afterFailure(2, 0, 0), 1);
  assert.equal(afterFailure(2, 1, 1), 0);
  // Two requests failed on server 0 at once: the second must not move the client back to it.
  assert.equal(afterFailure(2, 1, 0), 1);
  assert.equal(afterFailure(1, 0, 0), 0);
});

Deno.test("mayRetryElsewhere() sends reads again anywhere, writes only when they never left", () => {
  assert.equal(mayRetryElsewhere("GET", "unanswered"), true);
  assert.equal(mayRetryElsewhere("GET", "unsent"), true);
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    assert.equal(mayRetryElsewhere(method, "unsent"), true, method);
    assert.equal(mayRetryElsewhere(method, "unanswered"), false, method);
  }
});

Deno.test("connectionFailure() tells a refused connection from a lost answer, by Deno's words", () => {
  const fetchError = (socket: string) =>
    new TypeError("fetch failed", { cause: new Error(socket) });
  assert.equal(
    connectionFailure(fetchError(
      "error sending request for url (http://127.0.0.1:35323/x): client error (Connect): tcp connect error: Connection refused (os error 111)",
    )),
    "unsent",
  );
  assert.equal(
    connectionFailure(fetchError(
      "error sending request from 127.0.0.1:37612 for http://127.0.0.1:36087/x (127.0.0.1:36087): client error (SendRequest): connection closed before message completed",
    )),
    "unanswered",
  );
  assert.equal(
    connectionFailure(new TypeError("error reading a body from connection")),
    "unanswered",
  );
});

Deno.test("parseServerUrls() splits the list at commas and refuses what is not an http URL", () => {
  assert.deepEqual(parseServerUrls(" http://127.0.0.1:6443 ,,https://10.0.0.2:6443/ "), [
    "http://127.0.0.1:6443",
    "https://10.0.0.2:6443/",
  ]);
  assert.deepEqual(parseServerUrls(["http://a:1,http://b:2", "http://c:3"]), [
    "http://a:1",
    "http://b:2",
    "http://c:3",
  ]);
  assert.throws(() => parseServerUrls("http://a:1,127.0.0.1:6443"), {
    name: "TypeError",
    message: '"127.0.0.1:6443" is not an http or https URL',
  });
});

function namespace(name: string): Namespace {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
}

function refusedUrl(): string {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return `http://127.0.0.1:${port}`;
}

/** The servers of withServers(): a faulty one, then a real one. */
interface TestServers {
  /** The faulty server's URL. */
  first: string;
  /** The real server's URL. */
  second: string;
  /** Kills the faulty server (a proxy's streams break). */
  cutFirst(): Promise<void>;
}

/** A real API server, a faulty one in front of the list, and a store on both. */
async function withServers(
  fault: Fault | "refused",
  fn: (store: RemoteStore, servers: TestServers, cluster: Cluster) => Promise<void>,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const cluster = await Cluster.open();
  const server = new ApiServer(cluster);
  const second = await server.start({ port: 0 });
  const faulty = fault === "refused" ? undefined : startFaultyServer(fault, second);
  const first = faulty?.url ?? refusedUrl();
  const store = new RemoteStore([first, second], options);
  try {
    await fn(store, { first, second, cutFirst: async () => await faulty?.cut() }, cluster);
  } finally {
    await store.close();
    await faulty?.cut();
    await server.stop();
    await cluster.close();
  }
}

Deno.test("RemoteStore reads and writes through the next server when the first refuses connections", async () => {
  await withServers("refused", async (store, { second }) => {
    assert.equal((await store.get("Namespace", undefined, "default"))?.metadata.name, "default");
    assert.equal(store.url, second);
    const created = await store.create(namespace("made-on-the-second"));
    assert.equal(created.metadata.name, "made-on-the-second");
  });
});

Deno.test("RemoteStore does not send a create again when its answer was lost, and moves on", async () => {
  const cluster = await Cluster.open();
  const server = new ApiServer(cluster);
  const second = await server.start({ port: 0 });
  const hangUp = startFaultyServer("hang-up");
  const store = new RemoteStore([hangUp.url, second]);
  try {
    await assert.rejects(store.create(namespace("sent-once")), ServerConnectionError);
    assert.deepEqual(hangUp.requests, ["POST /api/v1/namespaces HTTP/1.1"]);
    assert.equal(await cluster.store.get("Namespace", undefined, "sent-once"), undefined);
    // The caller's own retry goes to the server that answers.
    assert.equal(store.url, second);
    assert.equal((await store.create(namespace("sent-once"))).metadata.name, "sent-once");
  } finally {
    await store.close();
    await hangUp.cut();
    await server.stop();
    await cluster.close();
  }
});

Deno.test("RemoteStore reads on the next server when the first never answers", async () => {
  await withServers("silent", async (store, { second }) => {
    const { items } = await store.list("Namespace");
    assert.ok(items.some((ns) => ns.metadata.name === "default"));
    assert.equal(store.url, second);
  }, { timeoutMs: 300 });
});

Deno.test("a RemoteStore watch resumes on the next server from its last event, missing and repeating none", async () => {
  await withServers("proxy", async (store, { second, cutFirst }, cluster) => {
    const events = store.watch("Node")[Symbol.asyncIterator]();
    const next = async () => {
      const { value } = await events.next();
      return `${value.type} ${value.object.metadata.name}`;
    };
    try {
      await store.create(makeNode("one"));
      await store.create(makeNode("two"));
      assert.equal(await next(), "ADDED one");
      assert.equal(await next(), "ADDED two");
      // The first server dies mid-stream; two writes land while the watch has no stream.
      await cutFirst();
      await cluster.create(makeNode("three"));
      await cluster.store.delete("Node", undefined, "one");
      assert.equal(await next(), "ADDED three");
      assert.equal(await next(), "DELETED one");
      await store.create(makeNode("four"));
      assert.equal(await next(), "ADDED four");
      assert.equal(store.url, second);
    } finally {
      await events.return?.();
    }
  });
});

Deno.test("RemoteStore with no server that answers says so, as kubectl does", async () => {
  const [first, second] = [refusedUrl(), refusedUrl()];
  const store = new RemoteStore(`${first},${second}`);
  try {
    await assert.rejects(store.list("Pod"), {
      name: "ServerConnectionError",
      message: `The connection to the server ${
        new URL(second).host
      } was refused - did you specify the right host or port?`,
    });
  } finally {
    await store.close();
  }
});
