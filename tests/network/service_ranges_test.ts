import assert from "node:assert/strict";
import { ConflictError } from "../../lib/api/errors.ts";
import {
  emptyRanges,
  loadServiceRanges,
  planServiceAllocation,
  rangeWrites,
  repairServiceRanges,
} from "../../lib/network/mod.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import { makeService } from "../_fixtures.ts";

Deno.test("emptyRanges() makes the two RangeAllocations with canonical ranges", () => {
  const ranges = emptyRanges({ serviceCIDR: "10.0.0.1/16", nodePortRange: "31000-31999" });
  assert.deepEqual(ranges, {
    ips: {
      apiVersion: "v1",
      kind: "RangeAllocation",
      metadata: { name: "serviceips" },
      range: "10.0.0.0/16",
      data: "",
    },
    ports: {
      apiVersion: "v1",
      kind: "RangeAllocation",
      metadata: { name: "servicenodeports" },
      range: "31000-31999",
      data: "",
    },
  });
});

Deno.test("rangeWrites() creates new ranges, updates stored ones and skips unchanged ones", () => {
  const ranges = emptyRanges();
  const first = planServiceAllocation(makeService("web"), ranges);
  assert.deepEqual(
    rangeWrites(ranges, first.ranges).map((
      w,
    ) => [w.op, "object" in w ? w.object.metadata.name : ""]),
    [
      ["create", "serviceips"],
    ],
  );
  const stored = {
    ips: { ...first.ranges.ips, metadata: { ...first.ranges.ips.metadata, resourceVersion: "7" } },
    ports: first.ranges.ports,
  };
  const second = planServiceAllocation(makeService("api", { type: "NodePort" }), stored);
  assert.deepEqual(rangeWrites(stored, second.ranges).map((w) => w.op), ["update", "create"]);
});

Deno.test("loadServiceRanges() and one batch make a lost race a Conflict", async () => {
  const store = new MemoryStore();
  const initial = await loadServiceRanges(store);
  const seed = planServiceAllocation(makeService("seed"), initial);
  await store.batch([
    { op: "create", object: seed.service },
    ...rangeWrites(initial, seed.ranges),
  ]);
  // Two writers read the same ranges and plan different services.
  const read = await loadServiceRanges(store);
  assert.ok(read.ips.metadata.resourceVersion, "the stored range carries its resourceVersion");
  const a = planServiceAllocation(makeService("a"), read);
  const b = planServiceAllocation(makeService("b"), read);
  assert.equal(a.service.spec.clusterIP, b.service.spec.clusterIP, "both picked 10.96.1.2");
  await store.batch([{ op: "create", object: a.service }, ...rangeWrites(read, a.ranges)]);
  await assert.rejects(
    store.batch([{ op: "create", object: b.service }, ...rangeWrites(read, b.ranges)]),
    ConflictError,
  );
  assert.equal(await store.get("Service", "default", "b"), undefined, "all or nothing");
  const retry = planServiceAllocation(makeService("b"), await loadServiceRanges(store));
  assert.equal(retry.service.spec.clusterIP, "10.96.1.3");
  await store.close();
});

Deno.test("repairServiceRanges() rebuilds the ranges from the services", () => {
  const ranges = repairServiceRanges([
    makeService("kube-dns", { overrides: { spec: { clusterIP: "10.96.0.10" } } }),
    makeService("copy", { overrides: { spec: { clusterIP: "10.96.0.10" } } }), // second holder
    makeService("outside", { overrides: { spec: { clusterIP: "192.168.0.1" } } }),
    makeService("db", { overrides: { spec: { clusterIP: "None" } } }),
    makeService("web", {
      type: "NodePort",
      overrides: { spec: { clusterIP: "10.96.0.2", ports: [{ port: 80, nodePort: 30000 }] } },
    }),
  ]);
  assert.equal(ranges.ips.data, "AgI="); // offsets 9 and 1: 0x0202
  assert.equal(ranges.ports.data, "AQ=="); // offset 0
  assert.equal(ranges.ips.metadata.resourceVersion, undefined);
});
