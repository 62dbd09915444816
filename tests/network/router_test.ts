import assert from "node:assert/strict";
import type { EndpointPort, Endpoints } from "../../lib/api/types.ts";
import { type RouteCursor, ServiceRouter } from "../../lib/network/mod.ts";
import { makeService } from "../_fixtures.ts";
import { apiErrorOf } from "./_helpers.ts";

const web = makeService("web");

/** Pod name → IP. */
type Pods = Record<string, string>;

let version = 0;

function endpointsOf(ready: Pods, notReady: Pods = {}, ports: EndpointPort[] = [{ port: 8080 }]) {
  const address = ([name, ip]: [string, string]) => ({
    ip,
    nodeName: "node-1",
    targetRef: { kind: "Pod", name, namespace: "default", uid: `uid-${name}` },
  });
  const endpoints: Endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "web", namespace: "default", uid: "ep-web", resourceVersion: `${++version}` },
    subsets: [{
      addresses: Object.entries(ready).map(address),
      notReadyAddresses: Object.entries(notReady).map(address),
      ports,
    }],
  };
  return endpoints;
}

function pods(router: ServiceRouter, endpoints: Endpoints, count: number): string[] {
  return Array.from({ length: count }, () => router.route(web, endpoints).pod);
}

const ABC: Pods = { c: "10.244.0.3", a: "10.244.0.1", b: "10.244.0.2" };

Deno.test("route() rotates strictly over the ready pods in IP order", () => {
  const router = new ServiceRouter();
  assert.deepEqual(pods(router, endpointsOf(ABC), 7), ["a", "b", "c", "a", "b", "c", "a"]);
  assert.deepEqual(router.route(web, endpointsOf(ABC)), {
    pod: "b",
    namespace: "default",
    ip: "10.244.0.2",
    port: 8080,
  });
});

Deno.test("route() orders IPs as numbers, not as text", () => {
  const router = new ServiceRouter();
  const endpoints = endpointsOf({ ten: "10.244.0.10", nine: "10.244.0.9", two: "10.244.1.2" });
  assert.deepEqual(pods(router, endpoints, 3), ["nine", "ten", "two"]);
});

Deno.test("route() goes on after the last pod served when a pod is added", () => {
  const router = new ServiceRouter();
  assert.deepEqual(pods(router, endpointsOf(ABC), 2), ["a", "b"]);
  const withD = endpointsOf({ ...ABC, d: "10.244.0.4", z: "10.244.0.0" });
  assert.deepEqual(pods(router, withD, 6), ["c", "d", "z", "a", "b", "c"]);
});

Deno.test("route() goes on with the next pod when the last one served is removed", () => {
  const router = new ServiceRouter();
  assert.deepEqual(pods(router, endpointsOf(ABC), 2), ["a", "b"]);
  const { b: _, ...withoutB } = ABC;
  assert.deepEqual(pods(router, endpointsOf(withoutB), 3), ["c", "a", "c"]);
});

Deno.test("cursorOf() and restoreCursor() carry the rotation to another router", () => {
  const first = new ServiceRouter();
  assert.equal(first.cursorOf(web), undefined);
  assert.deepEqual(pods(first, endpointsOf(ABC), 2), ["a", "b"]);
  const saved = JSON.stringify(first.cursorOf(web));
  assert.equal(saved, '{"ip":"10.244.0.2"}');
  const second = new ServiceRouter();
  second.restoreCursor(web, JSON.parse(saved) as RouteCursor);
  assert.deepEqual(pods(second, endpointsOf(ABC), 4), ["c", "a", "b", "c"]);
  first.restoreCursor(web, undefined);
  assert.deepEqual(pods(first, endpointsOf(ABC), 1), ["a"], "no cursor: from the start");
});

Deno.test("route() never picks a not-ready address", () => {
  const router = new ServiceRouter();
  const endpoints = endpointsOf({ a: "10.244.0.1", c: "10.244.0.3" }, { b: "10.244.0.2" });
  assert.deepEqual(pods(router, endpoints, 4), ["a", "c", "a", "c"]);
});

Deno.test("route() answers 503 when no endpoint is ready", () => {
  const cases: [string, Endpoints | undefined][] = [
    ["no Endpoints object", undefined],
    ["no subsets", { ...endpointsOf({}), subsets: [] }],
    ["only not-ready addresses", endpointsOf({}, { b: "10.244.0.2" })],
  ];
  for (const [label, endpoints] of cases) {
    const error = apiErrorOf(() => new ServiceRouter().route(web, endpoints));
    assert.equal(error.reason, "ServiceUnavailable", label);
    assert.equal(error.code, 503, label);
    assert.equal(error.message, 'no endpoints available for service "web"', label);
  }
});

Deno.test("route() picks the endpoint port by name or by service port number", () => {
  const service = makeService("web", {
    overrides: {
      spec: { ports: [{ name: "http", port: 80 }, { name: "metrics", port: 9090 }] },
    },
  });
  const endpoints = endpointsOf(ABC, {}, [
    { name: "http", port: 8080 },
    { name: "metrics", port: 9100 },
  ]);
  const router = new ServiceRouter();
  const cases: [string | number | undefined, number][] = [
    [undefined, 8080], // the first service port
    ["http", 8080],
    ["metrics", 9100],
    [9090, 9100], // service port 9090 is named metrics
    ["80", 8080],
  ];
  for (const [port, expected] of cases) {
    assert.equal(router.route(service, endpoints, { port }).port, expected, `${port}`);
  }
  assert.equal(
    apiErrorOf(() => router.route(service, endpoints, { port: 7777 })).message,
    'no service port 7777 found for service "web"',
  );
  assert.equal(
    apiErrorOf(() => router.route(service, endpoints, { port: "grpc" })).message,
    'no endpoints available for service "web"',
  );
});

Deno.test("route() keeps one rotation per service", () => {
  const router = new ServiceRouter();
  const api = makeService("api");
  const endpoints = endpointsOf(ABC);
  assert.equal(router.route(web, endpoints).pod, "a");
  assert.equal(router.route(web, endpoints).pod, "b");
  assert.equal(router.route(api, endpoints).pod, "a");
  assert.equal(router.route(web, endpoints).pod, "c");
});

Deno.test("route() compiles an Endpoints object once per uid and resourceVersion", () => {
  const router = new ServiceRouter();
  const endpoints = endpointsOf(ABC);
  assert.equal(router.route(web, endpoints).pod, "a");
  // A copy at the same resourceVersion is trusted to hold the same addresses (as a store read is).
  const sameVersion = { ...endpointsOf({ z: "10.244.9.9" }), metadata: endpoints.metadata };
  assert.equal(router.route(web, sameVersion).pod, "b");
  assert.equal(router.route(web, endpointsOf({ z: "10.244.9.9" })).pod, "z");
});
