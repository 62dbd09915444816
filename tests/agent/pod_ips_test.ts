import assert from "node:assert/strict";
import { PodIPs } from "../../lib/agent/pod_ips.ts";

Deno.test("PodIPs hands out the lowest free address after the gateway, and takes it back", () => {
  const ips = new PodIPs("127.9.1.0/24");
  assert.equal(ips.allocate("a"), "127.9.1.2");
  assert.equal(ips.allocate("b"), "127.9.1.3");
  assert.equal(ips.allocate("a"), "127.9.1.2");
  ips.release("a");
  assert.equal(ips.allocate("c"), "127.9.1.2");
});

Deno.test("PodIPs.claim() gives a restarted agent's pods their addresses back, and nothing outside the range or taken", () => {
  const ips = new PodIPs("127.9.1.0/24");
  assert.equal(ips.claim("a", "127.9.1.7"), true);
  assert.equal(ips.allocate("a"), "127.9.1.7");
  assert.equal(ips.claim("b", "127.9.1.7"), false, "another pod's");
  assert.equal(ips.claim("b", "127.9.2.7"), false, "outside the range");
  assert.equal(ips.claim("b", "127.9.1.1"), false, "the gateway");
  assert.equal(ips.claim("b", "127.9.1.255"), false, "the broadcast address");
  assert.equal(ips.claim("b", undefined), false);
  assert.equal(ips.allocate("b"), "127.9.1.2");
});
