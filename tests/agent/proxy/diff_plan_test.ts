import assert from "node:assert/strict";
import { diffPlan, type ProxyRule } from "../../../lib/agent/proxy/mod.ts";

function rule(key: string, ports: number[], ips: string[]): ProxyRule {
  return {
    key,
    namespace: "default",
    service: key.split("/")[1],
    portName: "",
    protocol: "TCP",
    listen: ports.map((port) => ({ hostname: "127.0.0.1", port })),
    backends: ips.map((ip) => ({ ip, port: 8080, pod: "", namespace: "default" })),
  };
}

const addresses = (list: { address: string }[]) => list.map((l) => l.address);

Deno.test("diffPlan() re-points a listener whose backends changed, without closing it", () => {
  const diff = diffPlan(
    [rule("default/web", [30080], ["127.0.1.1", "127.0.1.2"])],
    [rule("default/web", [30080], ["127.0.1.2"])],
  );
  assert.deepEqual(addresses(diff.open), []);
  assert.deepEqual(addresses(diff.close), []);
  assert.deepEqual(addresses(diff.repoint), ["127.0.0.1:30080"]);
  assert.deepEqual(diff.changedBackends, ["default/web"]);
});

Deno.test("diffPlan() opens new addresses and closes those of removed services", () => {
  const diff = diffPlan(
    [rule("default/old", [30081], ["127.0.1.1"]), rule("default/web", [30080], ["127.0.1.2"])],
    [rule("default/web", [30080, 30090], ["127.0.1.2"]), rule("default/new", [30082], [])],
  );
  assert.deepEqual(addresses(diff.open), ["127.0.0.1:30090", "127.0.0.1:30082"]);
  assert.deepEqual(addresses(diff.close), ["127.0.0.1:30081"]);
  assert.deepEqual(addresses(diff.repoint), []);
});

Deno.test("diffPlan() finds nothing to do between equal plans", () => {
  const plan = [rule("default/web", [30080], ["127.0.1.1", "127.0.1.2"])];
  assert.deepEqual(diffPlan(plan, structuredClone(plan)), {
    open: [],
    close: [],
    repoint: [],
    changedBackends: [],
  });
});

Deno.test("diffPlan() re-points an address that moves to another service", () => {
  const diff = diffPlan(
    [rule("default/a", [30080], ["127.0.1.1"])],
    [rule("default/b", [30080], ["127.0.1.1"])],
  );
  assert.deepEqual(diff.repoint, [{
    address: "127.0.0.1:30080",
    hostname: "127.0.0.1",
    port: 30080,
    rule: "default/b",
  }]);
  assert.deepEqual(addresses(diff.open), []);
  assert.deepEqual(addresses(diff.close), []);
});

Deno.test("diffPlan() closes the listeners of a rule that is now skipped", () => {
  const skipped = {
    ...rule("default/web", [], []),
    skipped: "cluster IP 10.96.0.1 is not a local address",
  };
  const diff = diffPlan([rule("default/web", [30080], [])], [skipped]);
  assert.deepEqual(addresses(diff.close), ["127.0.0.1:30080"]);
});
