import { SqliteStore } from "../lib/store/sqlite.ts";
import { resourceRows } from "../lib/cli/printers/resource_table.ts";
const mode = Deno.args[0];
const t0 = performance.now();
const store = await SqliteStore.open("/tmp/prof_get.db");
let rows = 0;
if (mode === "all") {
  const list = await store.list("Pod", { namespace: "default" });
  rows = resourceRows("Pod", list.items, Date.now()).rows.length;
} else {
  let after: string | undefined;
  const all: string[][] = [];
  for (;;) {
    const page = await store.list("Pod", { namespace: "default", limit: 500, after });
    all.push(...resourceRows("Pod", page.items, Date.now()).rows);
    if (!page.more) break;
    const last = page.items[page.items.length - 1];
    after = `${last.metadata.namespace}/${last.metadata.name}`;
  }
  rows = all.length;
}
console.log(mode, rows, Math.round(performance.now() - t0), "ms");
await store.close();
