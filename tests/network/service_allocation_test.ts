import assert from "node:assert/strict";
import { emptyRanges, planServiceAllocation, type ServiceRanges } from "../../lib/network/mod.ts";
import { makeService } from "../_fixtures.ts";
import { allocateAll, apiErrorOf } from "./_helpers.ts";

const SMALL = { serviceCIDR: "10.96.0.0/29" }; // 10.96.0.1-10.96.0.6 usable

function withIP(name: string, clusterIP: string) {
  return makeService(name, { overrides: { spec: { clusterIP } } });
}

Deno.test("planServiceAllocation() gives the lowest free address above the static band", () => {
  // 10.96.0.0/12: the static band is min(max(16, 2^20/16), 256) = 256 addresses (10.96.0.1 to
  // 10.96.1.0), so the first address handed out unasked is 10.96.1.1.
  const { services } = allocateAll([makeService("a"), makeService("b"), makeService("c")]);
  assert.deepEqual(services.map((s) => s.spec.clusterIP), ["10.96.1.1", "10.96.1.2", "10.96.1.3"]);
  assert.deepEqual(services[0].spec.clusterIPs, ["10.96.1.1"]);
  assert.deepEqual(services[0].spec.ipFamilies, ["IPv4"]);
  assert.equal(services[0].spec.ipFamilyPolicy, "SingleStack");
});

Deno.test("planServiceAllocation() falls back to the static band when the upper band is full", () => {
  // /27: 32 addresses, band 16 (offsets 0-15 = 10.96.0.1-10.96.0.16); upper band 10.96.0.17-.30.
  const services = Array.from({ length: 16 }, (_, i) => makeService(`s${i}`));
  const ips = allocateAll(services, { serviceCIDR: "10.96.0.0/27" }).services.map((s) =>
    s.spec.clusterIP
  );
  assert.equal(ips[0], "10.96.0.17");
  assert.equal(ips[13], "10.96.0.30");
  assert.equal(ips[14], "10.96.0.2", "never 10.96.0.1: it is the kubernetes service's");
  assert.equal(ips[15], "10.96.0.3");
});

Deno.test("planServiceAllocation() honours a requested cluster IP and records it", () => {
  const plan = planServiceAllocation(withIP("kube-dns", "10.96.0.10"), emptyRanges());
  assert.equal(plan.service.spec.clusterIP, "10.96.0.10");
  assert.deepEqual(plan.service.spec.clusterIPs, ["10.96.0.10"]);
  assert.equal(plan.ranges.ips.data, "AgA="); // offset 9 (10.96.0.10 - 10.96.0.1)
  const kubernetes = planServiceAllocation(withIP("kubernetes", "10.96.0.1"), plan.ranges);
  assert.equal(kubernetes.service.spec.clusterIP, "10.96.0.1", "asked for, 10.96.0.1 is given");
});

Deno.test("planServiceAllocation() refuses a requested IP that is taken or out of range", () => {
  const { ranges } = allocateAll([withIP("kube-dns", "10.96.0.10")]);
  const prefix = 'Service "web" is invalid: spec.clusterIPs: Invalid value: ';
  const cases: [string, string][] = [
    [
      "10.96.0.10",
      `${prefix}[]string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated`,
    ],
    [
      "10.0.0.1",
      `${prefix}[]string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
    ],
    [
      "10.96.0.0", // the network address is never handed out
      `${prefix}[]string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
    ],
    [
      "10.111.255.255", // nor the broadcast address
      `${prefix}[]string{"10.111.255.255"}: failed to allocate IP 10.111.255.255: the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
    ],
  ];
  for (const [ip, message] of cases) {
    const error = apiErrorOf(() => planServiceAllocation(withIP("web", ip), ranges));
    assert.equal(error.reason, "Invalid");
    assert.equal(error.code, 422);
    assert.equal(error.message, message);
    assert.equal(error.details.causes?.[0].field, "spec.clusterIPs");
  }
});

Deno.test("planServiceAllocation() checks clusterIPs against clusterIP and the IPv4 family", () => {
  const cases: [Record<string, unknown>, string][] = [
    [
      { clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.11"] },
      'spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match `clusterIP`',
    ],
    [
      { clusterIPs: ["10.96.0.11"] },
      'spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: must be empty when `clusterIP` is not specified',
    ],
    [
      { clusterIP: "fd00::10" },
      'spec.clusterIPs[0]: Invalid value: []string{"fd00::10"}: IPv6 is not configured on this cluster',
    ],
    [
      { ipFamilies: ["IPv6"] },
      'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
    ],
  ];
  for (const [spec, cause] of cases) {
    const service = makeService("web", { overrides: { spec } });
    const error = apiErrorOf(() => planServiceAllocation(service, emptyRanges()));
    assert.equal(error.message, `Service "web" is invalid: ${cause}`);
  }
});

Deno.test("planServiceAllocation() gives headless and ExternalName services no IP", () => {
  const ranges = emptyRanges();
  const headless = planServiceAllocation(withIP("db", "None"), ranges);
  assert.equal(headless.service.spec.clusterIP, "None");
  assert.deepEqual(headless.service.spec.clusterIPs, ["None"]);
  assert.equal(headless.ranges, ranges, "nothing allocated: the same ranges");
  const external = makeService("search", {
    type: "ExternalName",
    overrides: { spec: { externalName: "example.com" } },
  });
  const plan = planServiceAllocation(external, ranges);
  assert.equal(plan.service.spec.clusterIP, undefined);
  assert.equal(plan.service.spec.ipFamilies, undefined);
  assert.equal(plan.ranges, ranges);
});

Deno.test("planServiceAllocation() reports a full range as kube-apiserver does", () => {
  // /29: 10.96.0.2-10.96.0.6 are handed out unasked (10.96.0.1 is kept for `kubernetes`).
  const five = Array.from({ length: 5 }, (_, i) => makeService(`s${i}`));
  const { services, ranges } = allocateAll(five, SMALL);
  assert.deepEqual(
    services.map((s) => s.spec.clusterIP),
    ["10.96.0.2", "10.96.0.3", "10.96.0.4", "10.96.0.5", "10.96.0.6"],
  );
  const error = apiErrorOf(() => planServiceAllocation(makeService("s5"), ranges, SMALL));
  assert.equal(error.reason, "InternalError");
  assert.equal(error.code, 500);
  assert.equal(
    error.message,
    "Internal error occurred: failed to allocate a serviceIP: range is full",
  );
  const kubernetes = planServiceAllocation(withIP("kubernetes", "10.96.0.1"), ranges, SMALL);
  assert.equal(kubernetes.service.spec.clusterIP, "10.96.0.1");
});

Deno.test("planServiceAllocation() gives NodePort and LoadBalancer services node ports", () => {
  // 30000-32767: 2768 ports, static band min(max(16, 2768/32), 128) = 86, so 30086 comes first.
  const { services } = allocateAll([
    makeService("a", { type: "NodePort" }),
    makeService("b", { type: "LoadBalancer" }),
    makeService("c", { type: "ClusterIP" }),
    makeService("d", {
      type: "NodePort",
      overrides: { spec: { ports: [{ port: 80, nodePort: 30080 }] } },
    }),
  ]);
  assert.deepEqual(
    services.map((s) => s.spec.ports?.[0].nodePort),
    [30086, 30087, undefined, 30080],
  );
  assert.equal(services[1].status, undefined, "the load balancer stays pending");
});

Deno.test("planServiceAllocation() refuses a node port that is taken or out of range", () => {
  const { ranges } = allocateAll([
    makeService("a", {
      type: "NodePort",
      overrides: { spec: { ports: [{ port: 80, nodePort: 30080 }] } },
    }),
  ]);
  const cases: [number, string][] = [
    [30080, "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"],
    [
      40000,
      "spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767",
    ],
  ];
  for (const [nodePort, cause] of cases) {
    const service = makeService("web", {
      type: "NodePort",
      overrides: { spec: { ports: [{ port: 80, nodePort }] } },
    });
    const error = apiErrorOf(() => planServiceAllocation(service, ranges));
    assert.equal(error.code, 422);
    assert.equal(error.message, `Service "web" is invalid: ${cause}`);
  }
});

Deno.test("planServiceAllocation() shares one node port between TCP and UDP of one port number", () => {
  const dns = makeService("dns", {
    type: "NodePort",
    overrides: {
      spec: {
        ports: [
          { name: "dns", port: 53, protocol: "UDP" },
          { name: "dns-tcp", port: 53, protocol: "TCP" },
          { name: "metrics", port: 9153, protocol: "TCP" },
        ],
      },
    },
  });
  const plan = planServiceAllocation(dns, emptyRanges());
  assert.deepEqual(plan.service.spec.ports?.map((p) => p.nodePort), [30086, 30086, 30087]);
});

Deno.test("planServiceAllocation() reports a full node port range", () => {
  const options = { nodePortRange: "30000-30001" };
  const { ranges } = allocateAll(
    [makeService("a", { type: "NodePort" }), makeService("b", { type: "NodePort" })],
    options,
  );
  const error = apiErrorOf(() =>
    planServiceAllocation(makeService("c", { type: "NodePort" }), ranges, options)
  );
  assert.equal(
    error.message,
    "Internal error occurred: failed to allocate a nodePort: range is full",
  );
});

Deno.test("planServiceAllocation() never changes its inputs", () => {
  const service = makeService("web", { type: "NodePort" });
  const ranges: ServiceRanges = emptyRanges();
  const before = structuredClone({ service, ranges });
  planServiceAllocation(service, ranges);
  assert.deepEqual({ service, ranges }, before);
});

Deno.test("planServiceAllocation() refuses ranges other than the stored ones", () => {
  const error = apiErrorOf(() =>
    planServiceAllocation(makeService("web"), emptyRanges(), { serviceCIDR: "10.0.0.0/16" })
  );
  assert.equal(
    error.message,
    "Internal error occurred: the provided network does not match the current range: the cluster stores 10.96.0.0/12, this process was given 10.0.0.0/16",
  );
});
