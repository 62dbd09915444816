/**
 * Bad request bodies for tests/server/_bad_requests.ts: malformed JSON, YAML sent as JSON,
 * bodies that are no object, deep nesting, wrong types, unknown fields under Strict, bad
 * patches, huge bodies and a Content-Length that lies.
 *
 * @module
 */
import { stringify as toYaml } from "yaml";
import type { AnyObject } from "../../lib/api/types.ts";
import {
  fresh,
  JSON_PATCH,
  JSON_TYPE,
  type Maker,
  MERGE,
  objectPath,
  type Pick,
  served,
  setPath,
  STRATEGIC,
  WRONG_TYPES,
} from "./_bad_request_cases.ts";
import type { BadRequest } from "./_bad_requests.ts";

/** A POST, PUT or DELETE with a JSON content type and `text` as its body, expecting 400. */
function body(category: string, method: string, path: string, text: string): BadRequest {
  return { category, method, path, headers: JSON_TYPE, body: text, expect: [400] };
}

function malformedJson(pick: Pick, objects: AnyObject[], i: number): BadRequest {
  const target = pick(served(objects));
  const text = JSON.stringify(fresh(target, `bad-${i}`));
  const broken = pick([
    () => text.slice(0, 1 + Math.floor(text.length * pick([0.1, 0.5, 0.9, 0.99]))),
    () => text + pick(["x", "}", ",", "{}", " null", "]"]),
    () => text.replace(/}$/, ',"spec2":NaN}'),
    () => text.replace(/}$/, ',"n":Infinity}'),
    () => text.replace(/"/g, "'"),
    () => `// comment\n${text}`,
    () => "{metadata: {name: x}}",
    () => text.replace(/}$/, ',"metadata":}'),
  ])();
  const [method, path] = pick([
    ["POST", objectPath(target)],
    ["PUT", objectPath(target, target.metadata.name)],
    ["PATCH", objectPath(target, target.metadata.name)],
    ["DELETE", objectPath(target, target.metadata.name)],
  ]);
  const request = body("malformed-json", method, path, broken);
  return method === "PATCH"
    ? { ...request, headers: pick([MERGE, STRATEGIC, JSON_PATCH]) }
    : request;
}

function yamlAsJson(pick: Pick, objects: AnyObject[], i: number): BadRequest {
  const target = pick(served(objects));
  const text = toYaml(fresh(target, `bad-${i}`));
  const [method, path] = pick([
    ["POST", objectPath(target)],
    ["PUT", objectPath(target, target.metadata.name)],
  ]);
  return body("yaml-as-json", method, path, text);
}

function nonObject(pick: Pick, objects: AnyObject[]): BadRequest {
  const target = pick(served(objects));
  const method = pick(["POST", "PUT", "PATCH-merge", "PATCH-strategic"]);
  const text = pick([
    '["a"]',
    "[]",
    '"pod"',
    "42",
    "true",
    ...(method.startsWith("PATCH") ? [] : ["null"]),
  ]);
  const path = method === "POST" ? objectPath(target) : objectPath(target, target.metadata.name);
  const request = body("non-object", method.split("-")[0], path, text);
  if (method === "PATCH-merge") request.headers = MERGE;
  if (method === "PATCH-strategic") request.headers = STRATEGIC;
  return request;
}

function deepNesting(pick: Pick, objects: AnyObject[], i: number): BadRequest {
  const target = pick(served(objects, ["Pod", "Deployment"]));
  const [open, close] = pick([["[", "]"], ['{"a":', "}"]]);
  const nested = open.repeat(10_001) + "1" + close.repeat(10_001);
  // Kubernetes stops at 10,000 levels ("exceeded max depth"); where the nesting sits in a known
  // field of the wrong type, kclone rejects it as a type error too.
  const field = pick(["spec", "metadata"]);
  const text = JSON.stringify(fresh(target, `bad-${i}`)).replace(/}$/, `,"${field}":${nested}}`);
  return body("deep-nesting", "POST", objectPath(target), text);
}

function wrongType(pick: Pick, objects: AnyObject[], i: number): BadRequest {
  const target = pick(served(objects, ["Pod", "Deployment", "Service"]));
  const cases = WRONG_TYPES[target.kind];
  const { path, value, code, field } = pick(cases);
  const put = pick([true, false]) && code === 400;
  const object = put
    ? structuredClone(target) as unknown as Record<string, unknown>
    : fresh(target, `bad-${i}`);
  setPath(object, path, value);
  return {
    category: "wrong-type",
    method: put ? "PUT" : "POST",
    path: put ? objectPath(target, target.metadata.name) : objectPath(target),
    headers: JSON_TYPE,
    body: JSON.stringify(object),
    expect: [code],
    ...(code === 422 ? { causeField: field ?? path.join(".").replace(/\.(\d+)/g, "[$1]") } : {}),
  };
}

function strictUnknown(pick: Pick, objects: AnyObject[], i: number): BadRequest {
  const target = pick(served(objects, ["Pod", "Deployment", "Service", "Node"]));
  const where = pick([["bogus"], ["spec", "bogus"], ["metadata", "colour"], ["status", "x"]]);
  const method = pick(["POST", "PUT", "PATCH"]);
  const object = method === "POST"
    ? fresh(target, `bad-${i}`)
    : method === "PUT"
    ? structuredClone(target) as unknown as Record<string, unknown>
    : {};
  setPath(object, where, 1);
  const validation = pick(["Strict", "Strict", "Bogus", "strict"]);
  const url = method === "POST" ? objectPath(target) : objectPath(target, target.metadata.name);
  const request = body(
    "strict-unknown",
    method,
    `${url}?fieldValidation=${validation}`,
    JSON.stringify(object),
  );
  return method === "PATCH" ? { ...request, headers: MERGE } : request;
}

function huge(pick: Pick, objects: AnyObject[], i: number): BadRequest {
  const target = pick(served(objects, ["Pod", "Service"]));
  const big = "x".repeat(4 * 1024 * 1024);
  const object = fresh(target, `bad-${i}`);
  const text = pick([
    () => `{"metadata":{"name":"${big}`,
    () => JSON.stringify({ ...object, metadata: { name: `bad-${i}`, annotations: { big } } }),
    () => JSON.stringify({ ...object, metadata: { name: `bad-${i}`, labels: { big } } }),
  ])();
  // Past 3 MiB kube-apiserver stops reading: 413 RequestEntityTooLarge, whatever the body says.
  return { ...body("huge", "POST", objectPath(target), text), expect: [413] };
}

function lyingLength(pick: Pick, objects: AnyObject[], i: number): BadRequest {
  const target = pick(served(objects, ["Pod", "Service"]));
  const text = JSON.stringify(fresh(target, `bad-${i}`));
  const length = Math.max(1, Math.floor(text.length / pick([2, 3, 10])));
  const path = objectPath(target);
  const head = `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
    `content-length: ${length}\r\n\r\n`;
  // Fewer bytes announced than sent: the server reads a truncated JSON body.
  return {
    category: "lying-length",
    method: "POST",
    path,
    headers: {},
    body: head + text,
    expect: [400],
    transport: "raw",
  };
}

function badPatch(pick: Pick, objects: AnyObject[]): BadRequest {
  const target = pick(served(objects, ["Pod", "Deployment", "Service"]));
  const url = objectPath(target, target.metadata.name);
  const [headers, patch, code] = pick<[Record<string, string>, unknown, number]>([
    [JSON_PATCH, [{ op: "remove", path: "/spec/nonexistent" }], 422],
    [JSON_PATCH, [{ op: "replace", path: "/metadata/labels/no-such-key", value: "x" }], 422],
    [JSON_PATCH, [{ op: "test", path: "/metadata/name", value: "someone-else" }], 422],
    [JSON_PATCH, [{ op: "move", from: "/spec/missing", path: "/spec/other" }], 422],
    [JSON_PATCH, [{ op: "add", path: "/no/such/parent", value: 1 }], 422],
    [JSON_PATCH, [{ op: "copy", from: "/metadata/nothing", path: "/metadata/x" }], 422],
    [JSON_PATCH, [{ op: "frobnicate", path: "/metadata/name" }], 400],
    [JSON_PATCH, [{ op: "add", value: 1 }], 400],
    [JSON_PATCH, [{ op: "add", path: "metadata/labels", value: {} }], 400],
    [JSON_PATCH, [{ op: "add", path: "/metadata/labels/x" }], 400],
    [JSON_PATCH, { op: "add", path: "/metadata/labels/x", value: "y" }, 400],
    [JSON_PATCH, ["op"], 400],
    [JSON_PATCH, [{ op: "add", path: "/metadata/labels", value: ["a"] }], 400],
    [JSON_PATCH, [{ op: "replace", path: "/spec", value: "nothing" }], 400],
    [MERGE, ["a", "b"], 400],
    [MERGE, { metadata: { labels: "app=web" } }, 400],
    [MERGE, { spec: 7 }, 400],
    [STRATEGIC, [{ spec: {} }], 400],
    [STRATEGIC, { metadata: { labels: ["a"] } }, 400],
    [STRATEGIC, { spec: "none" }, 400],
  ]);
  return {
    category: "bad-patch",
    method: "PATCH",
    path: url,
    headers,
    body: JSON.stringify(patch),
    expect: [code],
  };
}

/** The body categories and their weights (the slow huge bodies rarely). */
export const BODY_MAKERS: readonly [Maker, number][] = [
  [malformedJson, 2],
  [yamlAsJson, 1],
  [nonObject, 1],
  [deepNesting, 0.3],
  [wrongType, 2],
  [strictUnknown, 1],
  [badPatch, 2],
  [huge, 0.1],
  [lyingLength, 0.5],
];
