import assert from "node:assert/strict";
import { FakeClock } from "../../lib/api/clock.ts";
import type { Pod, Service } from "../../lib/api/types.ts";
import { ControlPlane } from "../../lib/controllers/control_plane.ts";
import { endpointsController } from "../../lib/controllers/endpoints.ts";
import { endpointSubsets } from "../../lib/controllers/_endpoint_subsets.ts";
import { MemoryStore } from "../../lib/store/memory.ts";

function pod(name: string, ip: string | undefined, ready: boolean, labels = { app: "web" }): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, labels },
    spec: {
      nodeName: "node-a",
      containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 8080, name: "http" }] }],
    },
    status: {
      phase: "Running",
      podIP: ip,
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    },
  };
}

const service: Service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default" },
  spec: {
    selector: { app: "web" },
    ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
  },
};

Deno.test("endpointSubsets() lists ready pods in addresses and the others apart, by IP", () => {
  const subsets = endpointSubsets(service, [
    pod("b", "10.244.0.12", true),
    pod("a", "10.244.0.3", true),
    pod("c", "10.244.0.4", false),
    pod("d", undefined, true), // no IP yet: not listed
  ]);
  assert.deepEqual(subsets, [{
    addresses: [
      {
        ip: "10.244.0.3",
        nodeName: "node-a",
        targetRef: { kind: "Pod", namespace: "default", name: "a", uid: "uid-a" },
      },
      {
        ip: "10.244.0.12",
        nodeName: "node-a",
        targetRef: { kind: "Pod", namespace: "default", name: "b", uid: "uid-b" },
      },
    ],
    notReadyAddresses: [{
      ip: "10.244.0.4",
      nodeName: "node-a",
      targetRef: { kind: "Pod", namespace: "default", name: "c", uid: "uid-c" },
    }],
    ports: [{ name: "http", port: 8080, protocol: "TCP" }],
  }]);
});

Deno.test("endpointSubsets() skips pods whose named target port does not resolve", () => {
  const other = pod("x", "10.244.0.9", true);
  other.spec.containers[0].ports = [{ containerPort: 9090, name: "metrics" }];
  assert.deepEqual(endpointSubsets(service, [other]), []);
});

Deno.test("the endpoints controller follows pods in and out of a Service and removes its Endpoints with it", async () => {
  const store = new MemoryStore();
  const plane = new ControlPlane(store, new FakeClock(), [endpointsController]);
  await store.create(service);
  await store.create(pod("a", "10.244.0.3", true));
  await store.create(pod("z", "10.244.0.5", true, { app: "db" }));
  await plane.settle();
  const ips = async () =>
    (await store.get("Endpoints", "default", "web"))?.subsets?.flatMap((s) =>
      (s.addresses ?? []).map((a) => a.ip)
    );
  assert.deepEqual(await ips(), ["10.244.0.3"]);
  const z = (await store.get("Pod", "default", "z"))!;
  await store.update({ ...z, metadata: { ...z.metadata, labels: { app: "web" } } });
  await plane.settle();
  assert.deepEqual(await ips(), ["10.244.0.3", "10.244.0.5"]);
  await store.delete("Pod", "default", "a");
  await plane.settle();
  assert.deepEqual(await ips(), ["10.244.0.5"]);
  const revision = await store.revision();
  await plane.settle();
  assert.equal(await store.revision(), revision, "no write when nothing changed");
  await store.delete("Service", "default", "web");
  await plane.settle();
  assert.equal(await store.get("Endpoints", "default", "web"), undefined);
  await store.close();
});
