import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";
import { makeDeployment, makeNode, makePod, makeService } from "../_fixtures.ts";
import { type BadRequest, badRequests } from "./_bad_requests.ts";
import { sendBadRequest } from "./_send_bad_request.ts";

/** Replay another run with `BAD_REQUESTS_SEED=<seed> deno test -A tests/server/bad_requests_test.ts`. */
const SEED = Number(Deno.env.get("BAD_REQUESTS_SEED") ?? 0x6b63_6c6e);
const COUNT = 1_200;
const CONCURRENCY = 8;
/** Every category the generator has; each must come up at least once. */
const CATEGORIES = [
  "bad-name",
  "bad-patch",
  "bad-query",
  "content-type",
  "deep-nesting",
  "huge",
  "lying-length",
  "malformed-json",
  "mismatch",
  "non-object",
  "stale-version",
  "strict-unknown",
  "subresource",
  "unknown-path",
  "watch-abort",
  "wrong-method",
  "wrong-type",
  "yaml-as-json",
];

/** A SQLite cluster with two namespaces, two nodes, a deployment and its pods, a pod and a service. */
async function openCluster(db: string): Promise<Cluster> {
  const cluster = await Cluster.open({ db });
  for (const name of ["dev", "prod"]) {
    await cluster.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  }
  await cluster.create(makeNode("node-1"));
  await cluster.create(makeNode("node-2"));
  await cluster.create(makeDeployment("web", { namespace: "dev", replicas: 2 }));
  await cluster.create(makeService("web", { namespace: "dev" }));
  await cluster.create(makePod("solo", { namespace: "prod", nodeName: "node-1" }));
  await cluster.settle();
  return cluster;
}

/** The store as plain data, to compare before and after. */
async function storeState(cluster: Cluster): Promise<unknown> {
  return JSON.parse(JSON.stringify(await cluster.store.dump()));
}

/** Runs `work` on every item, `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T, i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

function describe(request: BadRequest, index: number): string {
  const body = request.body ?? "";
  const shown = body.length > 200 ? `${body.slice(0, 200)}... (${body.length} chars)` : body;
  return `#${index} [${request.category}] ${request.method} ${request.path} ` +
    `${JSON.stringify(request.headers)} ${shown}`;
}

Deno.test(
  `ApiServer answers ${COUNT} randomized bad requests (seed ${SEED}) with a 4xx Status and changes nothing`,
  async () => {
    const dir = await Deno.makeTempDir({ prefix: "kclone-bad-requests-" });
    const cluster = await openCluster(`${dir}/cluster.db`);
    const server = new ApiServer(cluster);
    try {
      const url = await server.start({ port: 0 });
      const before = await storeState(cluster);
      const objects = (before as { objects: Parameters<typeof badRequests>[2] }).objects;
      const requests = badRequests(SEED, COUNT, objects);
      assert.ok(requests.length >= 1_000);
      assert.deepEqual([...new Set(requests.map((r) => r.category))].sort(), CATEGORIES);
      const failures: string[] = [];
      await pool(requests, CONCURRENCY, async (request, i) => {
        const problem = await sendBadRequest(url, request);
        if (problem) failures.push(`${describe(request, i)}\n  => ${problem}`);
      });
      assert.deepEqual(
        failures,
        [],
        `seed ${SEED}: ${failures.length} of ${requests.length} requests answered wrongly`,
      );
      assert.equal(await (await fetch(`${url}/healthz`)).text(), "ok");
      const list = await fetch(`${url}/api/v1/namespaces/dev/pods`);
      assert.equal(list.status, 200);
      assert.equal((await list.json()).items.length, 2);
      assert.deepEqual(await storeState(cluster), before, `seed ${SEED}: the store changed`);
    } finally {
      await server.stop();
      await cluster.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
);
