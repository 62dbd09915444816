import assert from "node:assert/strict";
import type { Service } from "../../lib/api/types.ts";
import {
  emptyRanges,
  planServiceAllocation,
  planServiceRelease,
  planServiceUpdate,
  prepareServiceUpdate,
} from "../../lib/network/mod.ts";
import { makeService } from "../_fixtures.ts";
import { allocateAll, apiErrorOf } from "./_helpers.ts";

function withSpec(service: Service, spec: Partial<Service["spec"]>): Service {
  return { ...service, spec: { ...service.spec, ...spec } };
}

Deno.test("planServiceUpdate() keeps allocated values a re-sent manifest leaves out", () => {
  const manifest = makeService("web", { type: "NodePort" });
  const created = planServiceAllocation(manifest, emptyRanges());
  const updated = planServiceUpdate(created.service, manifest, created.ranges);
  assert.equal(updated.service.spec.clusterIP, "10.96.1.1");
  assert.deepEqual(updated.service.spec.clusterIPs, ["10.96.1.1"]);
  assert.equal(updated.service.spec.ports?.[0].nodePort, 30086);
  assert.equal(updated.ranges, created.ranges, "nothing changed: the same ranges");
});

Deno.test("planServiceUpdate() refuses to change the cluster IP once set", () => {
  const created = planServiceAllocation(makeService("web"), emptyRanges());
  const cases: [Partial<Service["spec"]>, string][] = [
    [
      { clusterIP: "10.96.0.20" }, // clusterIPs follows clusterIP, as for an old client
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.20"}: may not change once set',
    ],
    [
      { clusterIP: "None", clusterIPs: ["None"] },
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set',
    ],
  ];
  for (const [spec, message] of cases) {
    const error = apiErrorOf(() =>
      planServiceUpdate(created.service, withSpec(created.service, spec), created.ranges)
    );
    assert.equal(error.code, 422);
    assert.equal(error.message, message);
  }
});

Deno.test("planServiceUpdate() allocates node ports for ClusterIP → NodePort and frees them back", () => {
  const created = planServiceAllocation(makeService("web"), emptyRanges());
  const toNodePort = planServiceUpdate(
    created.service,
    withSpec(created.service, { type: "NodePort" }),
    created.ranges,
  );
  assert.equal(toNodePort.service.spec.ports?.[0].nodePort, 30086);
  assert.equal(toNodePort.ranges.ips, created.ranges.ips, "the cluster IP stays");
  assert.notEqual(toNodePort.ranges.ports.data, "");
  const back = planServiceUpdate(
    toNodePort.service,
    withSpec(toNodePort.service, { type: "ClusterIP" }),
    toNodePort.ranges,
  );
  assert.equal(back.service.spec.ports?.[0].nodePort, undefined, "node ports are dropped");
  assert.equal(back.ranges.ports.data, "", "and freed");
  assert.equal(back.service.spec.clusterIP, "10.96.1.1");
});

Deno.test("planServiceUpdate() moves a changed node port and frees the old one", () => {
  const created = planServiceAllocation(makeService("web", { type: "NodePort" }), emptyRanges());
  const moved = planServiceUpdate(
    created.service,
    withSpec(created.service, { ports: [{ port: 80, protocol: "TCP", nodePort: 30090 }] }),
    created.ranges,
  );
  assert.equal(moved.service.spec.ports?.[0].nodePort, 30090);
  const next = planServiceAllocation(makeService("next", { type: "NodePort" }), moved.ranges);
  assert.equal(next.service.spec.ports?.[0].nodePort, 30086, "30086 is free again");
});

Deno.test("planServiceUpdate() allocates and frees the cluster IP around ExternalName", () => {
  const external = makeService("search", {
    type: "ExternalName",
    overrides: { spec: { externalName: "example.com" } },
  });
  const created = planServiceAllocation(external, emptyRanges());
  const toClusterIP = planServiceUpdate(
    created.service,
    withSpec(created.service, { type: "ClusterIP", externalName: undefined }),
    created.ranges,
  );
  assert.equal(toClusterIP.service.spec.clusterIP, "10.96.1.1");
  const back = planServiceUpdate(
    toClusterIP.service,
    withSpec(toClusterIP.service, { type: "ExternalName", externalName: "example.com" }),
    toClusterIP.ranges,
  );
  assert.equal(back.service.spec.clusterIP, undefined);
  assert.equal(back.service.spec.clusterIPs, undefined);
  assert.equal(back.ranges.ips.data, "");
});

Deno.test("planServiceUpdate() gives a service stored without a cluster IP one", () => {
  const legacy = makeService("web"); // as stored before kclone allocated
  const plan = planServiceUpdate(legacy, legacy, emptyRanges());
  assert.equal(plan.service.spec.clusterIP, "10.96.1.1");
});

Deno.test("prepareServiceUpdate() carries node ports over by port name", () => {
  const old = makeService("web", {
    type: "NodePort",
    overrides: {
      spec: {
        ports: [
          { name: "http", port: 80, nodePort: 30080 },
          { name: "https", port: 443, nodePort: 30443 },
        ],
      },
    },
  });
  const resent = withSpec(old, {
    ports: [{ name: "https", port: 8443 }, { name: "http", port: 80 }],
  });
  const prepared = prepareServiceUpdate(old, resent);
  assert.deepEqual(prepared.spec.ports?.map((p) => p.nodePort), [30443, 30080]);
});

Deno.test("planServiceRelease() frees the IP and node ports for the next service", () => {
  const { services, ranges } = allocateAll([makeService("web", { type: "NodePort" })]);
  const released = planServiceRelease(services[0], ranges);
  assert.equal(released.ips.data, "");
  assert.equal(released.ports.data, "");
  const next = planServiceAllocation(makeService("api", { type: "NodePort" }), released);
  assert.equal(next.service.spec.clusterIP, "10.96.1.1");
  assert.equal(next.service.spec.ports?.[0].nodePort, 30086);
});

Deno.test("planServiceRelease() leaves the ranges alone for headless services and foreign IPs", () => {
  const { ranges } = allocateAll([makeService("web")]);
  const headless = makeService("db", { overrides: { spec: { clusterIP: "None" } } });
  assert.equal(planServiceRelease(headless, ranges), ranges);
  const outside = makeService("old", { overrides: { spec: { clusterIP: "10.0.0.1" } } });
  assert.equal(planServiceRelease(outside, ranges), ranges, "an IP outside the range is ignored");
});
