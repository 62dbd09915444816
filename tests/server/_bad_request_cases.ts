/**
 * Tables of bad values for tests/server/_bad_request_makers.ts: wrong types per kind, invalid
 * names, bad subresource bodies, each with the code kube-apiserver answers.
 *
 * @module
 */
import { kindInfo } from "../../lib/api/kinds.ts";
import type { AnyObject } from "../../lib/api/types.ts";
import type { BadRequest } from "./_bad_requests.ts";

/** Picks one item, driven by the seeded PRNG. */
export type Pick = <T>(items: readonly T[]) => T;

/** A value of the wrong type (400, a decoding error) or out of range (422) at a field path. */
export interface WrongType {
  /** Path in the object; numbers index arrays. */
  path: (string | number)[];
  /** The bad value. */
  value: unknown;
  /** 400 (cannot be decoded) or 422 (decoded but invalid). */
  code: 400 | 422;
  /** The field named in details.causes for a 422, when not the path itself. */
  field?: string;
}

const CONTAINER = ["spec", "template", "spec", "containers", 0];

/** Wrong types and values per kind. */
export const WRONG_TYPES: Readonly<Record<string, WrongType[]>> = {
  Deployment: [
    { path: ["spec", "replicas"], value: "three", code: 400 },
    { path: ["spec", "replicas"], value: 1.5, code: 400 },
    { path: ["spec", "replicas"], value: -1, code: 422 },
    { path: ["metadata", "labels"], value: ["app", "web"], code: 400 },
    { path: ["metadata", "labels"], value: { app: 1 }, code: 400 },
    { path: ["spec", "template", "spec", "containers"], value: { name: "web" }, code: 400 },
    { path: ["spec", "template", "spec", "containers"], value: "nginx", code: 400 },
    { path: [...CONTAINER, "image"], value: 5, code: 400 },
    { path: [...CONTAINER, "ports"], value: [{ containerPort: "80" }], code: 400 },
    {
      path: [...CONTAINER, "ports"],
      value: [{ containerPort: 70000 }],
      code: 422,
      field: "spec.template.spec.containers[0].ports[0].containerPort",
    },
    {
      path: [...CONTAINER, "resources"],
      value: { requests: { cpu: "-1" } },
      code: 422,
      field: "spec.template.spec.containers[0].resources.requests[cpu]",
    },
    // Kubernetes fails to decode it (400); kclone reports it as a validation cause (422).
    {
      path: [...CONTAINER, "resources"],
      value: { requests: { cpu: "abc" } },
      code: 422,
      field: "spec.template.spec.containers[0].resources.requests[cpu]",
    },
    { path: ["spec", "selector", "matchLabels"], value: "app=web", code: 400 },
    // Kubernetes names the whole strategy in its NotSupported cause.
    { path: ["spec", "strategy", "type"], value: "Sideways", code: 422, field: "spec.strategy" },
  ],
  Pod: [
    { path: ["spec", "containers"], value: {}, code: 400 },
    { path: ["spec", "containers", 0, "image"], value: ["nginx"], code: 400 },
    { path: ["spec", "containers", 0, "name"], value: null, code: 422 },
    { path: ["spec", "restartPolicy"], value: "Sometimes", code: 422 },
    {
      path: ["spec", "containers", 0, "ports"],
      value: [{ containerPort: 70000 }],
      code: 422,
      field: "spec.containers[0].ports[0].containerPort",
    },
    {
      path: ["spec", "containers", 0, "resources"],
      value: { limits: { memory: "-5Mi" } },
      code: 422,
      field: "spec.containers[0].resources.limits[memory]",
    },
    { path: ["spec", "containers", 0, "resources"], value: { limits: "lots" }, code: 400 },
    { path: ["metadata", "annotations"], value: [1], code: 400 },
    { path: ["spec", "nodeSelector"], value: { disk: true }, code: 400 },
  ],
  Service: [
    { path: ["spec", "ports"], value: "80", code: 400 },
    { path: ["spec", "ports"], value: [{ port: 70000 }], code: 422, field: "spec.ports[0].port" },
    { path: ["spec", "ports"], value: [{ port: "http" }], code: 400 },
    { path: ["spec", "type"], value: "Bogus", code: 422 },
    { path: ["spec", "selector"], value: ["app"], code: 400 },
  ],
};

/** An invalid name, and how it is written in a URL path segment. */
export interface NameCase {
  /** The name in a body. */
  name: string;
  /** The name as a path segment. */
  url: string;
}

/** Names no object may have. */
export const NAME_CASES: readonly NameCase[] = [
  { name: "UPPER", url: "UPPER" },
  { name: "a".repeat(300), url: "a".repeat(300) },
  { name: "../etc/passwd", url: "%2E%2E%2Fetc%2Fpasswd" },
  { name: "\u0000", url: "%00" },
  { name: "", url: "%20" },
  { name: "a b", url: "a%20b" },
  { name: "-lead", url: "-lead" },
  { name: "trail-", url: "trail-" },
  { name: "\ud800x", url: "%ED%A0%80x" },
  { name: "web;rm", url: "web%3Brm" },
];

/** A bad request on a subresource (scale, eviction, binding). */
export interface SubresourceCase {
  /** HTTP method. */
  method: string;
  /** Path. */
  path: string;
  /** Headers (default JSON). */
  headers?: Record<string, string>;
  /** Body (sent as JSON). */
  body: unknown;
  /** Expected codes. */
  expect: number[];
}

type Case = (pod: AnyObject, deployment: AnyObject) => SubresourceCase;

const at = (o: AnyObject, sub: string) =>
  `/api${o.kind === "Pod" ? "" : "s/apps"}/v1/namespaces/${o.metadata.namespace}/${
    o.kind === "Pod" ? "pods" : "deployments"
  }/${o.metadata.name}/${sub}`;

/** Bad scale, eviction and binding requests; none may change anything. */
export const SUBRESOURCE_CASES: readonly Case[] = [
  (_, d) => ({
    method: "PUT",
    path: at(d, "scale"),
    body: { spec: { replicas: "x" } },
    expect: [400],
  }),
  (_, d) => ({ method: "PUT", path: at(d, "scale"), body: [], expect: [400] }),
  (_, d) => ({
    method: "PUT",
    path: at(d, "scale"),
    body: { metadata: { name: d.metadata.name, resourceVersion: "1" }, spec: { replicas: 9 } },
    expect: [409],
  }),
  (_, d) => ({
    method: "PATCH",
    path: at(d, "scale"),
    headers: { "content-type": "application/merge-patch+json" },
    body: { spec: { replicas: "three" } },
    expect: [400],
  }),
  (_, d) => ({
    method: "PATCH",
    path: at(d, "scale"),
    headers: { "content-type": "application/json-patch+json" },
    body: [{ op: "remove", path: "/spec/nothing" }],
    expect: [422],
  }),
  (_, d) => ({
    method: "PATCH",
    path: at(d, "scale"),
    headers: { "content-type": "text/plain" },
    body: { spec: { replicas: 1 } },
    expect: [415],
  }),
  (p) => ({ method: "POST", path: at(p, "eviction"), body: ["x"], expect: [400] }),
  (p) => ({
    method: "POST",
    path: at(p, "eviction"),
    body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "someone-else" } },
    expect: [400],
  }),
  (p) => ({
    method: "POST",
    path: at(p, "eviction"),
    body: { apiVersion: "v1", kind: "Pod", metadata: { name: p.metadata.name } },
    expect: [400],
  }),
  (p) => ({
    method: "POST",
    path: at({ ...p, metadata: { ...p.metadata, name: "ghost" } }, "eviction"),
    body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "ghost" } },
    expect: [404],
  }),
  (p) => ({ method: "POST", path: at(p, "binding"), body: "node-1", expect: [400] }),
  (p) => ({
    method: "POST",
    path: at(p, "binding"),
    body: {
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name: p.metadata.name },
      target: { apiVersion: "v1", kind: "Node", name: "node-2" },
    },
    // Every fixture pod is bound already.
    expect: [409],
  }),
];

/** Headers of a JSON body. */
export const JSON_TYPE: Record<string, string> = { "content-type": "application/json" };
/** Headers of a merge patch. */
export const MERGE: Record<string, string> = { "content-type": "application/merge-patch+json" };
/** Headers of a JSON patch. */
export const JSON_PATCH: Record<string, string> = { "content-type": "application/json-patch+json" };
/** Headers of a strategic merge patch. */
export const STRATEGIC: Record<string, string> = {
  "content-type": "application/strategic-merge-patch+json",
};

/** The URL path of an object (or of its collection, without `name`). */
export function objectPath(object: AnyObject, name?: string): string {
  const info = kindInfo(object.kind)!;
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced ? `/namespaces/${object.metadata.namespace}` : "";
  return `${base}${ns}/${info.resource}${name === undefined ? "" : `/${name}`}`;
}

/** A copy of a stored object as a client would send it to create a new one named `name`. */
export function fresh(object: AnyObject, name: string): Record<string, unknown> {
  const copy = structuredClone(object) as unknown as Record<string, unknown>;
  const { labels, namespace } = object.metadata;
  copy.metadata = { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) };
  delete copy.status;
  // A new Service asks for no particular cluster IP (the stored one is taken).
  const spec = copy.spec as Record<string, unknown> | undefined;
  if (object.kind === "Service" && spec) delete spec.clusterIP, delete spec.clusterIPs;
  return copy;
}

/** Makes one bad request (or a few) from the stored objects. */
export type Maker = (pick: Pick, objects: AnyObject[], index: number) => BadRequest | BadRequest[];

/** The stored objects of some kinds. */
export function served(
  objects: AnyObject[],
  kinds: string[] = ["Pod", "Deployment", "Service", "Node"],
): AnyObject[] {
  return objects.filter((o) => kinds.includes(o.kind));
}

/** Sets `path` in `object`, creating objects (and arrays for numeric segments) on the way. */
export function setPath(
  object: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
): void {
  let current = object as Record<string | number, unknown>;
  path.slice(0, -1).forEach((seg, k) => {
    if (typeof current[seg] !== "object" || current[seg] === null) {
      current[seg] = typeof path[k + 1] === "number" ? [] : {};
    }
    current = current[seg] as Record<string | number, unknown>;
  });
  current[path[path.length - 1]] = value;
}
