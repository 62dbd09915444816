import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";
import { listPage, readListPage } from "../../lib/server/list_pages.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import type { ListOptions, Store } from "../../lib/store/store.ts";
import { makePod } from "../_fixtures.ts";

const TABLE = "application/json;as=Table;g=meta.k8s.io;v=v1";

interface ListBody {
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: { metadata: { name: string; namespace: string } }[];
}

/** Seven pods in two namespaces, created out of order. */
async function withPods(fn: (server: ApiServer, cluster: Cluster) => Promise<void>) {
  const cluster = await Cluster.open();
  await cluster.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  const pods: [string, string, string][] = [
    ["dev", "api-1", "api"],
    ["default", "web-3", "web"],
    ["default", "db-1", "db"],
    ["dev", "api-2", "api"],
    ["default", "web-1", "web"],
    ["dev", "cache-1", "cache"],
    ["default", "web-2", "web"],
  ];
  for (const [namespace, name, app] of pods) {
    await cluster.create(makePod(name, { namespace, labels: { app } }));
  }
  try {
    await fn(new ApiServer(cluster), cluster);
  } finally {
    await cluster.close();
  }
}

async function get(server: ApiServer, path: string, accept?: string) {
  const response = await server.handle(
    new Request(`http://kclone${path}`, { headers: accept ? { accept } : {} }),
  );
  return { status: response.status, body: await response.json() };
}

function keys(list: ListBody): string[] {
  return list.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
}

/** base64url without padding, as kube-apiserver encodes continue tokens. */
function token(json: string): string {
  return btoa(json).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
}

Deno.test("pages of 3 reach every pod once, in namespace then name order", async () => {
  await withPods(async (server) => {
    const first = (await get(server, "/api/v1/pods?limit=3")).body as ListBody;
    assert.deepEqual(keys(first), ["default/db-1", "default/web-1", "default/web-2"]);
    assert.equal(first.metadata.remainingItemCount, 4);
    const rv = first.metadata.resourceVersion;
    assert.deepEqual(
      JSON.parse(atob(first.metadata.continue!.replaceAll("-", "+").replaceAll("_", "/"))),
      { v: "meta.k8s.io/v1", rv: Number(rv), start: "default/web-2\u0000" },
    );
    const second = (await get(server, `/api/v1/pods?limit=3&continue=${first.metadata.continue}`))
      .body as ListBody;
    assert.deepEqual(keys(second), ["default/web-3", "dev/api-1", "dev/api-2"]);
    assert.equal(second.metadata.remainingItemCount, 1);
    assert.equal(second.metadata.resourceVersion, rv);
    const last = (await get(server, `/api/v1/pods?limit=3&continue=${second.metadata.continue}`))
      .body as ListBody;
    assert.deepEqual(keys(last), ["dev/cache-1"]);
    assert.deepEqual(last.metadata, { resourceVersion: rv });
  });
});

Deno.test("a namespaced list pages within its namespace", async () => {
  await withPods(async (server) => {
    const path = "/api/v1/namespaces/default/pods?limit=2";
    const first = (await get(server, path)).body as ListBody;
    assert.deepEqual(keys(first), ["default/db-1", "default/web-1"]);
    assert.equal(first.metadata.remainingItemCount, 2);
    const second = (await get(server, `${path}&continue=${first.metadata.continue}`))
      .body as ListBody;
    assert.deepEqual(keys(second), ["default/web-2", "default/web-3"]);
    assert.equal(second.metadata.continue, undefined);
  });
});

Deno.test("later pages read the current state and keep the first page's resourceVersion", async () => {
  await withPods(async (server, cluster) => {
    const first = (await get(server, "/api/v1/namespaces/default/pods?limit=2")).body as ListBody;
    await cluster.create(makePod("web-10", { labels: { app: "web" } }));
    const second = (await get(
      server,
      `/api/v1/namespaces/default/pods?limit=5&continue=${first.metadata.continue}`,
    )).body as ListBody;
    assert.deepEqual(keys(second), ["default/web-10", "default/web-2", "default/web-3"]);
    assert.equal(second.metadata.resourceVersion, first.metadata.resourceVersion);
  });
});

Deno.test("a label selector pages without remainingItemCount, as Kubernetes cannot count it", async () => {
  await withPods(async (server) => {
    const path = "/api/v1/pods?labelSelector=app%3Dapi&limit=1";
    const first = (await get(server, path)).body as ListBody;
    assert.deepEqual(keys(first), ["dev/api-1"]);
    assert.equal(first.metadata.remainingItemCount, undefined);
    assert.ok(first.metadata.continue);
    const second = (await get(server, `${path}&continue=${first.metadata.continue}`))
      .body as ListBody;
    assert.deepEqual(keys(second), ["dev/api-2"]);
    assert.equal(second.metadata.continue, undefined);
  });
});

Deno.test("a continue token written by kube-apiserver resumes after its key", async () => {
  await withPods(async (server) => {
    const start = token('{"v":"meta.k8s.io/v1","rv":3,"start":"default/web-2\\u0000"}');
    const { body } = await get(server, `/api/v1/pods?continue=${start}`);
    assert.deepEqual(keys(body), ["default/web-3", "dev/api-1", "dev/api-2", "dev/cache-1"]);
    assert.deepEqual(body.metadata, { resourceVersion: "3" });
  });
});

Deno.test("a malformed continue token is a BadRequest worded as kube-apiserver words it", async () => {
  await withPods(async (server) => {
    const cases: [string, string][] = [
      ["abc!", "illegal base64 data at input byte 3"],
      [token("xyz"), "invalid character 'x' looking for beginning of value"],
      [
        token('{"v":"meta.k8s.io/v1","rv":0,"start":"default/web-1"}'),
        "incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
      ],
      [
        token('{"v":"meta.k8s.io/v1","rv":5,"start":""}'),
        "encoded start key empty (version meta.k8s.io/v1)",
      ],
      [
        token('{"v":"v9","rv":5,"start":"default/web-1"}'),
        "server does not recognize this encoded version v9",
      ],
      [token('{"v":"meta.k8s.io/v1","rv":5,"start":"../kube-system/x"}'), "../kube-system/x"],
    ];
    for (const [value, detail] of cases) {
      const { status, body } = await get(server, `/api/v1/pods?limit=2&continue=${value}`);
      assert.equal(status, 400, value);
      assert.deepEqual(body, {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `invalid continue token: continue key is not valid: ${detail}`,
        reason: "BadRequest",
        code: 400,
      });
    }
  });
});

Deno.test("a continue token beside a resourceVersion is a BadRequest", async () => {
  await withPods(async (server) => {
    const first = (await get(server, "/api/v1/pods?limit=2")).body as ListBody;
    const path = `/api/v1/pods?resourceVersion=1&continue=${first.metadata.continue}`;
    const { status, body } = await get(server, path);
    assert.equal(status, 400);
    assert.equal(body.message, "specifying resource version is not allowed when using continue");
  });
});

Deno.test("limit zero or negative lists everything; a limit that is no integer is a BadRequest", async () => {
  await withPods(async (server) => {
    for (const limit of ["0", "-1"]) {
      const { status, body } = await get(server, `/api/v1/pods?limit=${limit}`);
      assert.equal(status, 200);
      assert.equal(body.items.length, 7);
      assert.equal(body.metadata.continue, undefined);
    }
    const { status, body } = await get(server, "/api/v1/pods?limit=2.5");
    assert.equal(status, 400);
    assert.equal(body.message, 'strconv.ParseInt: parsing "2.5": invalid syntax');
  });
});

Deno.test("a Table list comes whole (a server may not support limit), and still resumes after a continue token", async () => {
  await withPods(async (server) => {
    const all = (await get(server, "/api/v1/pods?limit=5", TABLE)).body;
    assert.equal(all.kind, "Table");
    assert.deepEqual(
      all.rows.map((r: { cells: string[] }) => r.cells[0]),
      ["db-1", "web-1", "web-2", "web-3", "api-1", "api-2", "cache-1"],
    );
    assert.equal(all.metadata.continue, undefined);
    const json = (await get(server, "/api/v1/pods?limit=5")).body;
    const rest =
      (await get(server, `/api/v1/pods?limit=5&continue=${json.metadata.continue}`, TABLE)).body;
    assert.deepEqual(rest.rows.map((r: { cells: string[] }) => r.cells[0]), ["api-2", "cache-1"]);
  });
});

Deno.test("listPage() orders items by namespace then name before it pages", () => {
  const pods: Pod[] = [
    makePod("b", { namespace: "a-b" }),
    makePod("z", { namespace: "a" }),
    makePod("a", { namespace: "a-b" }),
  ];
  const page = listPage({ items: pods, resourceVersion: "9" }, { limit: "2" });
  assert.deepEqual(page.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`), [
    "a/z",
    "a-b/a",
  ]);
  assert.equal(page.remainingItemCount, 1);
  const rest = listPage({ items: pods, resourceVersion: "12" }, { continue: page.continue });
  assert.deepEqual(rest.items.map((p) => p.metadata.name), ["b"]);
  assert.equal(rest.resourceVersion, "9");
});

Deno.test("a continue token without the zero byte resumes at its own key", async () => {
  await withPods(async (server) => {
    const start = token('{"v":"meta.k8s.io/v1","rv":3,"start":"default/web-2"}');
    const { body } = await get(server, `/api/v1/pods?limit=2&continue=${start}`);
    assert.deepEqual(keys(body), ["default/web-2", "default/web-3"]);
    assert.equal(body.metadata.remainingItemCount, 3);
  });
});

Deno.test("readListPage() asks the store for one page after the token's key, not for the list", async () => {
  const store = new MemoryStore();
  for (const name of ["a", "b", "c", "d"]) await store.create(makePod(name, { namespace: "dev" }));
  const asked: ListOptions[] = [];
  const spy = {
    list: (kind: "Pod", options: ListOptions) => {
      asked.push(options);
      return store.list(kind, options);
    },
  } as unknown as Store;
  const scope = { scoped: true, namespace: "dev" };
  const first = await readListPage(spy, "Pod", { namespace: "dev" }, { ...scope, limit: "2" });
  assert.deepEqual(first.items.map((p) => p.metadata.name), ["a", "b"]);
  assert.equal(first.remainingItemCount, 2);
  const second = await readListPage(spy, "Pod", { namespace: "dev" }, {
    ...scope,
    limit: "2",
    continue: first.continue,
  });
  assert.deepEqual(second.items.map((p) => p.metadata.name), ["c", "d"]);
  assert.equal(second.continue, undefined);
  assert.deepEqual(asked, [
    { namespace: "dev", limit: 2, after: undefined },
    { namespace: "dev", limit: 2, after: "dev/b" },
  ]);
  await store.close();
});
