import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import type { Service } from "../../lib/api/types.ts";

const service = (name: string, extra = "") => `
apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec:
  selector: { app: ${name} }
  ports: [{ port: 80 }]
  ${extra}
`;

Deno.test("a Service gets the next free ClusterIP; a deleted one's is given out again", async () => {
  const cluster = await Cluster.open();
  try {
    const [a] = await cluster.apply(service("a"));
    const [b] = await cluster.apply(service("b"));
    assert.equal((a.object as Service).spec.clusterIP, "10.96.1.1");
    assert.equal((b.object as Service).spec.clusterIP, "10.96.1.2");
    const [again] = await cluster.apply(service("a"));
    assert.equal(again.action, "unchanged", "re-applying keeps the allocated IP");
    await cluster.delete("Service", "a");
    const [c] = await cluster.apply(service("c"));
    assert.equal((c.object as Service).spec.clusterIP, "10.96.1.1");
  } finally {
    await cluster.close();
  }
});

Deno.test("a requested ClusterIP is honoured when free and Invalid when taken, writing nothing", async () => {
  const cluster = await Cluster.open();
  try {
    const [a] = await cluster.apply(service("a", "clusterIP: 10.96.0.50"));
    assert.equal((a.object as Service).spec.clusterIP, "10.96.0.50");
    const before = await cluster.store.revision();
    await assert.rejects(
      cluster.apply(service("b", "clusterIP: 10.96.0.50")),
      /spec\.clusterIPs: Invalid value: \[\]string\{"10\.96\.0\.50"\}: failed to allocate IP 10\.96\.0\.50: provided IP is already allocated/,
    );
    await assert.rejects(
      cluster.apply(service("c", "clusterIP: 10.0.0.1")),
      /not in the valid range/,
    );
    assert.equal(await cluster.store.revision(), before);
    assert.equal(await cluster.get("Service", "b"), undefined);
  } finally {
    await cluster.close();
  }
});

Deno.test("NodePort and LoadBalancer Services get node ports; the load balancer stays pending", async () => {
  const cluster = await Cluster.open();
  try {
    const [np] = await cluster.apply(service("np", "type: NodePort"));
    const [lb] = await cluster.apply(service("lb", "type: LoadBalancer"));
    const port = (s: unknown) => (s as Service).spec.ports![0].nodePort!;
    assert.ok(port(np.object) >= 30000 && port(np.object) <= 32767);
    assert.notEqual(port(np.object), port(lb.object));
    assert.deepEqual((lb.object as Service).status?.loadBalancer?.ingress ?? [], []);
  } finally {
    await cluster.close();
  }
});

Deno.test("the allocation ranges are not objects users can apply", async () => {
  const cluster = await Cluster.open();
  try {
    await assert.rejects(
      cluster.apply({
        apiVersion: "v1",
        kind: "RangeAllocation",
        metadata: { name: "serviceips" },
      }),
      /no matches for kind "RangeAllocation" in version "v1"/,
    );
  } finally {
    await cluster.close();
  }
});

Deno.test("two clusters on one SQLite file never hand out one ClusterIP twice", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-ip-race-" });
  const a = await Cluster.open({ db: `${dir}/db` });
  const b = await Cluster.open({ db: `${dir}/db` });
  try {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).apply(service(`s${i}`))),
    );
    const ips = (await a.list("Service")).map((s) => s.spec.clusterIP);
    assert.equal(ips.length, 20);
    assert.equal(new Set(ips).size, 20);
  } finally {
    await a.close();
    await b.close();
    await Deno.remove(dir, { recursive: true });
  }
});
