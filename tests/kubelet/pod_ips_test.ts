import assert from "node:assert/strict";
import { internalIPFor, nextPodIP, parseIpv4Block } from "../../lib/kubelet/_pod_ips.ts";

Deno.test("nextPodIP() skips the network address, the gateway, taken IPs and the broadcast", () => {
  const cases: [cidr: string, used: string[], want: string | undefined][] = [
    ["10.244.0.0/24", [], "10.244.0.2"],
    ["10.244.0.0/24", ["10.244.0.2", "10.244.0.4"], "10.244.0.3"],
    ["10.244.3.0/24", ["10.244.3.2"], "10.244.3.3"],
    // /30: .0 network, .1 gateway, .2 the one pod, .3 broadcast
    ["10.244.0.0/30", [], "10.244.0.2"],
    ["10.244.0.0/30", ["10.244.0.2"], undefined],
    ["fd00::/64", [], undefined],
  ];
  for (const [cidr, used, want] of cases) {
    assert.equal(nextPodIP(cidr, new Set(used)), want, `${cidr} ${used}`);
  }
});

Deno.test("internalIPFor() numbers nodes as kind does, from their place in the pod range", () => {
  const cases: [cidr: string, want: string | undefined][] = [
    ["10.244.0.0/24", "172.18.0.2"],
    ["10.244.1.0/24", "172.18.0.3"],
    ["10.244.254.0/24", "172.18.1.0"], // 254 + 2 = 256 = 1 * 256 + 0
    ["10.245.3.0/24", "172.18.0.5"],
    ["not a cidr", undefined],
  ];
  for (const [cidr, want] of cases) assert.equal(internalIPFor(cidr), want, cidr);
});

Deno.test("parseIpv4Block() clears host bits and rejects malformed ranges", () => {
  assert.deepEqual(parseIpv4Block("10.244.1.7/24"), { base: 0x0af40100, bits: 24 });
  for (const bad of ["10.244.1.0", "10.244.1.0/33", "10.256.0.0/16", "10.244.0.0/24/1"]) {
    assert.equal(parseIpv4Block(bad), undefined, bad);
  }
});
