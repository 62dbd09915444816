import assert from "node:assert/strict";
import { proxyPlan } from "../../../lib/agent/proxy/mod.ts";
import type { Endpoints, EndpointSubset, Service, ServiceSpec } from "../../../lib/api/types.ts";
import { ServiceRouter } from "../../../lib/network/mod.ts";

function service(name: string, spec: ServiceSpec): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec };
}

function endpoints(name: string, subsets: EndpointSubset[]): Endpoints {
  return { apiVersion: "v1", kind: "Endpoints", metadata: { name, namespace: "default" }, subsets };
}

const ready = (...ips: string[]) => ips.map((ip) => ({ ip, targetRef: { name: `pod-${ip}` } }));

const web = endpoints("web", [{ addresses: ready("127.0.1.2"), ports: [{ port: 8080 }] }]);

Deno.test("proxyPlan() listens on a node port at 127.0.0.1 and at the node address", () => {
  const svc = service("web", {
    type: "NodePort",
    clusterIP: "10.96.0.20",
    ports: [{ port: 80, nodePort: 30080 }],
  });
  const [rule] = proxyPlan([svc], [web], { nodeAddress: "127.0.0.5" });
  assert.deepEqual(rule, {
    key: "default/web",
    namespace: "default",
    service: "web",
    portName: "",
    protocol: "TCP",
    listen: [{ hostname: "127.0.0.1", port: 30080 }, { hostname: "127.0.0.5", port: 30080 }],
    backends: [{ ip: "127.0.1.2", port: 8080, pod: "pod-127.0.1.2", namespace: "default" }],
  });
});

Deno.test("proxyPlan() listens on a cluster IP only where it is a local address", () => {
  const local = service("web", { clusterIP: "127.96.0.20", ports: [{ port: 80 }] });
  const remote = service("web", { clusterIP: "10.96.0.20", ports: [{ port: 80 }] });
  assert.deepEqual(proxyPlan([local], [web])[0].listen, [{ hostname: "127.96.0.20", port: 80 }]);
  const [skipped] = proxyPlan([remote], [web]);
  assert.deepEqual(skipped.listen, []);
  assert.equal(skipped.skipped, "cluster IP 10.96.0.20 is not a local address");
  const custom = proxyPlan([remote], [web], { localAddress: (ip) => ip.startsWith("10.96.") });
  assert.deepEqual(custom[0].listen, [{ hostname: "10.96.0.20", port: 80 }]);
});

Deno.test("proxyPlan() listens on both the node port and a local cluster IP of a NodePort service", () => {
  const svc = service("web", {
    type: "NodePort",
    clusterIP: "127.96.0.20",
    ports: [{ port: 80, nodePort: 30080 }],
  });
  assert.deepEqual(proxyPlan([svc], [web])[0].listen, [
    { hostname: "127.0.0.1", port: 30080 },
    { hostname: "127.96.0.20", port: 80 },
  ]);
});

Deno.test("proxyPlan() matches service ports to endpoint ports by name", () => {
  const svc = service("web", {
    clusterIP: "127.96.0.20",
    ports: [{ name: "metrics", port: 9090 }, { name: "http", port: 80 }],
  });
  const eps = endpoints("web", [{
    addresses: ready("127.0.1.2", "127.0.1.3"),
    ports: [{ name: "http", port: 8080 }, { name: "metrics", port: 9100 }],
  }]);
  const rules = proxyPlan([svc], [eps]);
  assert.deepEqual(rules.map((r) => [r.key, r.listen[0].port, r.backends.map((b) => b.port)]), [
    ["default/web:http", 80, [8080, 8080]],
    ["default/web:metrics", 9090, [9100, 9100]],
  ]);
});

Deno.test("proxyPlan() leaves out addresses that are not ready", () => {
  const svc = service("web", { clusterIP: "127.96.0.20", ports: [{ port: 80 }] });
  const eps = endpoints("web", [{
    addresses: ready("127.0.1.3"),
    notReadyAddresses: ready("127.0.1.2"),
    ports: [{ port: 8080 }],
  }]);
  assert.deepEqual(proxyPlan([svc], [eps])[0].backends.map((b) => b.ip), ["127.0.1.3"]);
  assert.deepEqual(proxyPlan([svc], [])[0].backends, []);
});

Deno.test("proxyPlan() skips UDP ports with a reason and keeps the TCP ones", () => {
  const svc = service("dns", {
    clusterIP: "127.96.0.10",
    ports: [{ name: "dns", port: 53, protocol: "UDP" }, {
      name: "dns-tcp",
      port: 53,
      protocol: "TCP",
    }],
  });
  const rules = proxyPlan([svc], []);
  assert.deepEqual(rules.map((r) => [r.key, r.skipped, r.listen]), [
    ["default/dns:dns", "protocol UDP is not proxied (TCP only)", []],
    ["default/dns:dns-tcp", undefined, [{ hostname: "127.96.0.10", port: 53 }]],
  ]);
});

Deno.test("proxyPlan() skips headless and ExternalName services", () => {
  const headless = service("db", { clusterIP: "None", ports: [{ port: 5432 }] });
  const external = service("ext", { type: "ExternalName", externalName: "example.com" });
  const named = service("ext2", { type: "ExternalName", ports: [{ port: 80 }] });
  assert.deepEqual(proxyPlan([headless, external, named], []).map((r) => [r.key, r.skipped]), [
    ["default/db", "headless services (clusterIP None) are not proxied"],
    ["default/ext2", "ExternalName services are not proxied"],
  ]);
});

Deno.test("proxyPlan() orders backends as kclone service-route rotates", () => {
  const svc = service("web", { clusterIP: "127.96.0.20", ports: [{ port: 80 }] });
  const eps = endpoints("web", [
    { addresses: ready("127.0.1.10", "127.0.1.9"), ports: [{ port: 8080 }] },
    { addresses: ready("127.0.0.200"), ports: [{ port: 8081 }] },
  ]);
  const ips = proxyPlan([svc], [eps])[0].backends.map((b) => `${b.ip}:${b.port}`);
  assert.deepEqual(ips, ["127.0.0.200:8081", "127.0.1.9:8080", "127.0.1.10:8080"]);
  const router = new ServiceRouter();
  const routed = [1, 2, 3].map(() => router.route(svc, eps)).map((r) => `${r.ip}:${r.port}`);
  assert.deepEqual(routed, ips);
});

Deno.test("proxyPlan() leaves an address two services ask for to the first by key", () => {
  const a = service("a", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] });
  const b = service("b", { clusterIP: "127.0.0.1", ports: [{ port: 30080 }] });
  assert.deepEqual(proxyPlan([b, a], []).map((r) => [r.key, r.listen.length, r.skipped]), [
    ["default/a", 1, undefined],
    ["default/b", 0, "127.0.0.1:30080 is taken by default/a"],
  ]);
});
