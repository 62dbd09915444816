import { isDeepStrictEqual } from "node:util";
import { ApiError } from "../api/errors.ts";
import { objectRef } from "../api/kinds.ts";
import { Cluster } from "../cluster/cluster.ts";
import type { Deployment } from "../api/types.ts";

/** Where the demo writes its narration. */
export type DemoOutput = (line: string) => void;

const NODES = `
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata: { name: node-a, labels: { kubernetes.io/hostname: node-a } }
    status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
  - apiVersion: v1
    kind: Node
    metadata: { name: node-b, labels: { kubernetes.io/hostname: node-b } }
    status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
`;

const WEB = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources: { requests: { cpu: 500m, memory: 128Mi } }
      volumes: [{ name: cache, emptyDir: {} }]
`;

const BROKEN = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: broken }
spec:
  replicas: -2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: api, image: api:1 }] }
`;

/**
 * A narrated walk through what kclone does today, on a temporary SQLite database. It grows as
 * kclone grows; it needs no terminal.
 */
export async function runDemo(out: DemoOutput = console.log): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-demo-" });
  const db = `${dir}/kclone.db`;
  try {
    out(`kclone demo: a cluster in the SQLite database ${db}\n`);
    let cluster = await Cluster.open({ db });
    out("1. A fresh cluster has Kubernetes' namespaces:");
    out(`   ${(await cluster.list("Namespace")).map((n) => n.metadata.name).join(", ")}\n`);

    out("2. kubectl-style apply of two nodes and a Deployment:");
    for (const text of [NODES, WEB]) {
      for (const r of await cluster.apply(text)) {
        out(`   ${objectRef(r.object)} ${r.action}`);
        for (const w of r.warnings) out(`   Warning: ${w}`);
      }
    }
    const web = (await cluster.get("Deployment", "web")) as Deployment;
    const strategy = web.spec.strategy?.rollingUpdate;
    out(
      `   defaulted: strategy ${web.spec.strategy?.type} maxSurge ${strategy?.maxSurge} ` +
        `maxUnavailable ${strategy?.maxUnavailable}, revisionHistoryLimit ${web.spec.revisionHistoryLimit}`,
    );
    const [again] = await cluster.apply(WEB);
    out(`   applied again: ${objectRef(again.object)} ${again.action}\n`);

    out("3. Bad input is rejected with Kubernetes' message, and nothing is written:");
    try {
      await cluster.apply(BROKEN, { source: "broken.yaml" });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      out(`   Error from server (${error.reason}): ${error.message}`);
    }
    out(
      `   deployment "broken" exists: ${
        (await cluster.get("Deployment", "broken")) !== undefined
      }\n`,
    );

    out("4. A watch from a resourceVersion replays every change in order:");
    const from = String(await cluster.store.revision());
    await cluster.update({ ...web, spec: { ...web.spec, replicas: 5 } });
    await cluster.delete("Node", "node-b");
    let seen = 0;
    for (const kind of ["Deployment", "Node"] as const) {
      for await (const event of cluster.watch(kind, { resourceVersion: from })) {
        out(
          `   ${event.type} ${kind}/${event.object.metadata.name} at resourceVersion ${event.object.metadata.resourceVersion}`,
        );
        seen++;
        break;
      }
    }
    out(`   (${seen} events)\n`);

    out("5. State survives the process: close the database and open it again:");
    await cluster.close();
    cluster = await Cluster.open({ db });
    const nodes = (await cluster.list("Node")).map((n) => n.metadata.name);
    out(
      `   nodes: ${nodes.join(", ")}; web replicas: ${
        (await cluster.get("Deployment", "web"))?.spec.replicas
      }\n`,
    );

    out("6. A JSON snapshot moves the whole state to another store (here: memory):");
    await cluster.saveSnapshot(`${dir}/state.json`);
    const copy = await Cluster.open();
    await copy.loadSnapshot(`${dir}/state.json`);
    const same = isDeepStrictEqual(
      (await copy.store.dump()).objects,
      (await cluster.store.dump()).objects,
    );
    out(`   every object identical, uid and resourceVersion kept: ${same}`);
    await copy.close();
    await cluster.close();
    out("\nNext: the scheduler, controllers and CLI commands arrive with the next issues.");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
