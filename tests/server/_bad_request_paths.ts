/**
 * Bad paths, methods, names, versions, queries, patches and content types for
 * tests/server/_bad_requests.ts.
 *
 * @module
 */
import type { AnyObject } from "../../lib/api/types.ts";
import {
  fresh,
  JSON_PATCH,
  JSON_TYPE,
  type Maker,
  MERGE,
  NAME_CASES,
  objectPath,
  type Pick,
  served,
  SUBRESOURCE_CASES,
} from "./_bad_request_cases.ts";
import type { BadRequest } from "./_bad_requests.ts";

function unknownPath(pick: Pick): BadRequest {
  const path = pick([
    "/api/v2/pods",
    "/api/v1/widgets",
    "/api/v1/namespaces/dev/widgets/x",
    "/apis/nope.example.com/v1/things",
    "/apis/apps/v2/deployments",
    "/apis/apps/v1/pods",
    "/apis/batch/v1/namespaces/dev/jobs",
    "/api/v1/namespaces/dev/nodes/node-1",
    "/api/v1/namespaces/dev/pods/web/bogus",
    "/apis/apps/v1/namespaces/dev/deployments/web/scale/extra",
    "/apis/apps/v1/namespaces/dev/services",
    "/api/v1/rangeallocations",
    "/api/v1/namespaces/dev/pods/solo/status/x",
    "/api/v1/nodes/node-1/scale",
  ]);
  const method = pick(["GET", "POST", "PUT", "DELETE", "PATCH"]);
  return {
    category: "unknown-path",
    method,
    path,
    headers: method === "PATCH" ? MERGE : JSON_TYPE,
    ...(method === "GET" ? {} : { body: "{}" }),
    expect: [404],
  };
}

function badName(pick: Pick, objects: AnyObject[]): BadRequest {
  const target = pick(served(objects, ["Pod", "Deployment", "Service", "Node", "Namespace"]));
  const { name, url } = pick(NAME_CASES);
  if (pick([true, false])) {
    const method = pick(["GET", "DELETE", "PUT", "PATCH"]);
    const object = fresh(target, name);
    return {
      category: "bad-name",
      method,
      path: objectPath(target, url),
      headers: method === "PATCH" ? MERGE : JSON_TYPE,
      ...(method === "PUT"
        ? { body: JSON.stringify(object) }
        : method === "PATCH"
        ? { body: "{}" }
        : {}),
      // Nothing has that name; a PUT may be judged invalid, or its name unlike the URL's, first.
      expect: method === "PUT" ? [400, 404, 422] : [404],
    };
  }
  return {
    category: "bad-name",
    method: "POST",
    path: objectPath(target),
    headers: JSON_TYPE,
    body: JSON.stringify(fresh(target, name)),
    expect: [422],
    causeField: "metadata.name",
  };
}

function mismatch(pick: Pick, objects: AnyObject[], i: number): BadRequest {
  const target = pick(served(objects, ["Pod", "Deployment", "Service"]));
  const object = structuredClone(target) as unknown as Record<string, unknown>;
  const meta = object.metadata as Record<string, unknown>;
  const how = pick([
    "name",
    "namespace",
    "kind",
    "apiVersion",
    "post-namespace",
    "patch-name",
    "patch-namespace",
  ]);
  const url = objectPath(target, target.metadata.name);
  const send = (method: string, path: string, value: unknown, headers = JSON_TYPE) => ({
    category: "mismatch",
    method,
    path,
    headers,
    body: JSON.stringify(value),
    expect: [400],
  });
  switch (how) {
    case "name":
      meta.name = `other-${i}`;
      return send("PUT", url, object);
    case "namespace":
      meta.namespace = "prod" === target.metadata.namespace ? "dev" : "prod";
      return send("PUT", url, object);
    case "kind":
      object.kind = pick(
        ["Service", "Deployment", "Pod", "Widget"].filter((k) => k !== target.kind),
      );
      return send("PUT", url, object);
    case "apiVersion":
      object.apiVersion = pick(["v2", "apps/v2", "nope/v1"]);
      return send("PUT", url, object);
    case "post-namespace": {
      const created = fresh(target, `bad-${i}`);
      (created.metadata as Record<string, unknown>).namespace = "elsewhere";
      return send("POST", objectPath(target), created);
    }
    case "patch-name":
      return send("PATCH", url, { metadata: { name: `other-${i}` } }, MERGE);
    default:
      return send("PATCH", url, { metadata: { namespace: "elsewhere" } }, MERGE);
  }
}

function staleVersion(pick: Pick, objects: AnyObject[]): BadRequest {
  const target = pick(served(objects, ["Pod", "Deployment", "Service", "Node", "Namespace"]));
  const current = Number(target.metadata.resourceVersion);
  const stale = String(
    pick([1, current - 1, current + 1000].filter((v) => v !== current && v > 0)),
  );
  const url = objectPath(target, target.metadata.name);
  const object = structuredClone(target);
  object.metadata.resourceVersion = stale;
  object.metadata.labels = { ...object.metadata.labels, stale: "yes" };
  const how = pick(["put", "merge", "json"]);
  const [headers, patch] = how === "put"
    ? [JSON_TYPE, object]
    : how === "merge"
    ? [MERGE, { metadata: { resourceVersion: stale, labels: { stale: "yes" } } }]
    : [JSON_PATCH, [
      { op: "replace", path: "/metadata/resourceVersion", value: stale },
      { op: "add", path: "/metadata/annotations", value: { stale: "yes" } },
    ]];
  return {
    category: "stale-version",
    method: how === "put" ? "PUT" : "PATCH",
    path: url,
    headers,
    body: JSON.stringify(patch),
    expect: [409],
  };
}

function badQuery(pick: Pick, objects: AnyObject[]): BadRequest {
  const target = pick(served(objects, ["Pod", "Deployment", "Service", "Node"]));
  const query = pick([
    "labelSelector=a%20in%20(",
    "labelSelector=%3Dx",
    "labelSelector=a%20notin%20b",
    "labelSelector=!",
    "fieldSelector=spec.unknown%3Dx",
    "fieldSelector=metadata.name",
    "fieldSelector=metadata.name%3D%3Da%3Db%2C",
    "watch=true&labelSelector=a%20in%20(",
    "watch=true&fieldSelector=spec.unknown%3Dx",
    "watch=true&resourceVersion=xyz",
    "watch=1&resourceVersion=-5",
  ]);
  return {
    category: "bad-query",
    method: "GET",
    path: `${objectPath(target)}?${query}`,
    headers: {},
    expect: [400],
  };
}

function wrongMethod(pick: Pick, objects: AnyObject[]): BadRequest {
  const pod = pick(served(objects, ["Pod"]));
  const deployment = pick(served(objects, ["Deployment"]));
  const [method, path] = pick([
    ["DELETE", "/api"],
    ["POST", "/api"],
    ["PUT", "/apis"],
    ["DELETE", "/apis/apps/v1"],
    ["POST", "/api/v1"],
    ["PATCH", "/version"],
    ["POST", "/openapi/v2"],
    ["DELETE", "/openapi/v3"],
    ["POST", objectPath(pod, pod.metadata.name)],
    ["POST", objectPath(deployment, deployment.metadata.name)],
    ["PUT", objectPath(pod)],
    ["PATCH", objectPath(deployment)],
    ["GET", `${objectPath(pod, pod.metadata.name)}/eviction`],
    ["POST", `${objectPath(pod, pod.metadata.name)}/log`],
    ["DELETE", `${objectPath(deployment, deployment.metadata.name)}/scale`],
    ["POST", `${objectPath(deployment, deployment.metadata.name)}/scale`],
    ["DELETE", `${objectPath(pod, pod.metadata.name)}/status`],
  ]);
  return {
    category: "wrong-method",
    method,
    path,
    headers: method === "PATCH" ? MERGE : JSON_TYPE,
    ...(method === "GET" ? {} : { body: "{}" }),
    expect: [405],
  };
}

function contentType(pick: Pick, objects: AnyObject[], i: number): BadRequest {
  const target = pick(served(objects));
  const type = pick([
    "text/plain",
    "application/xml",
    "application/x-www-form-urlencoded",
    "application/cbor",
    "image/png",
  ]);
  const method = pick(["POST", "PUT", "PATCH"]);
  const object = method === "POST" ? fresh(target, `bad-${i}`) : structuredClone(target);
  return {
    category: "content-type",
    method,
    path: method === "POST" ? objectPath(target) : objectPath(target, target.metadata.name),
    // A PATCH also refuses plain application/json: it must name a patch type.
    headers: { "content-type": method === "PATCH" ? pick([type, "application/json"]) : type },
    body: JSON.stringify(method === "PATCH" ? { metadata: { labels: { x: "y" } } } : object),
    expect: [415],
  };
}

function subresource(pick: Pick, objects: AnyObject[]): BadRequest {
  const pod = pick(served(objects, ["Pod"]));
  const deployment = pick(served(objects, ["Deployment"]));
  const c = pick(SUBRESOURCE_CASES)(pod, deployment);
  return {
    category: "subresource",
    method: c.method,
    path: c.path,
    headers: c.headers ?? JSON_TYPE,
    body: JSON.stringify(c.body),
    expect: c.expect,
  };
}

function watchAbort(pick: Pick, objects: AnyObject[]): BadRequest {
  const target = pick(served(objects));
  const query = pick(["watch=true", "watch=1&resourceVersion=0", "watch=true&timeoutSeconds=-1"]);
  return {
    category: "watch-abort",
    method: "GET",
    path: `${objectPath(target)}?${query}`,
    headers: {},
    expect: [200],
    transport: "watch-abort",
  };
}

/** The path, method and query categories and their weights. */
export const PATH_MAKERS: readonly [Maker, number][] = [
  [unknownPath, 1],
  [badName, 1.5],
  [mismatch, 1],
  [staleVersion, 1],
  [badQuery, 1],
  [wrongMethod, 1],
  [contentType, 1],
  [subresource, 1],
  [watchAbort, 0.5],
];
