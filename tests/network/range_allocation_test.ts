import assert from "node:assert/strict";
import { InvalidError } from "../../lib/api/errors.ts";
import { kindInfo, KINDS, resolveKind } from "../../lib/api/kinds.ts";
import type { RangeAllocation } from "../../lib/api/types.ts";
import { decodeObject, validateObject } from "../../lib/api/validation/mod.ts";
import { emptyRanges } from "../../lib/network/mod.ts";
import { MemoryStore } from "../../lib/store/memory.ts";

Deno.test("kindInfo() knows RangeAllocation as an internal, cluster-scoped v1 kind", () => {
  const info = kindInfo("RangeAllocation");
  assert.equal(info?.apiVersion, "v1");
  assert.equal(info?.resource, "rangeallocations");
  assert.equal(info?.namespaced, false);
  assert.equal(info?.served, false);
  assert.equal(KINDS.at(-1)?.kind, "RangeAllocation", "saved and loaded last");
  assert.deepEqual(KINDS.filter((k) => !k.served).map((k) => k.kind), ["RangeAllocation"]);
});

Deno.test("resolveKind() never finds an unserved kind", () => {
  for (const name of ["RangeAllocation", "rangeallocations", "rangeallocation"]) {
    assert.equal(resolveKind(name), undefined, name);
  }
  assert.equal(resolveKind("svc")?.kind, "Service");
});

Deno.test("decodeObject() decodes a RangeAllocation strictly", () => {
  const raw = emptyRanges().ips;
  assert.deepEqual(decodeObject({ ...raw, data: "AgA=" }), {
    object: { ...raw, data: "AgA=" },
    warnings: [],
  });
  const prefix = 'RangeAllocation in version "v1" cannot be handled as a RangeAllocation: ';
  assert.throws(() => decodeObject({ ...raw, spec: {} }), {
    name: "BadRequestError",
    message: `${prefix}strict decoding error: unknown field "spec"`,
  });
  assert.throws(() => decodeObject({ ...raw, range: 12 }), {
    name: "BadRequestError",
    message:
      `${prefix}json: cannot unmarshal number into Go struct field RangeAllocation.range of type string`,
  });
});

Deno.test("validateObject() checks the range and the base64 bitmap of a RangeAllocation", () => {
  const valid = emptyRanges().ports;
  validateObject(valid);
  validateObject({ ...valid, range: "10.96.0.0/12", data: "AgA=" });
  const cases: [Partial<RangeAllocation>, string][] = [
    [{ range: "" }, "range: Required value"],
    [
      { range: "10.96.0.0/33" },
      'range: Invalid value: "10.96.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24) or a port range, (e.g. 30000-32767)',
    ],
    [
      { range: "32767-30000" },
      'range: Invalid value: "32767-30000": must be a valid CIDR value, (e.g. 10.9.8.0/24) or a port range, (e.g. 30000-32767)',
    ],
    [{ data: "AgA" }, 'data: Invalid value: "AgA": illegal base64 data'],
    [
      { metadata: { name: "servicenodeports", namespace: "default" } },
      "metadata.namespace: Forbidden: not allowed on this type",
    ],
  ];
  for (const [change, cause] of cases) {
    assert.throws(() => validateObject({ ...valid, ...change }), (error) => {
      assert.ok(error instanceof InvalidError);
      assert.equal(error.message, `RangeAllocation "servicenodeports" is invalid: ${cause}`);
      return true;
    });
  }
});

Deno.test("MemoryStore keeps RangeAllocations with optimistic concurrency", async () => {
  const store = new MemoryStore();
  const created = await store.create(emptyRanges().ips);
  const updated = await store.update({ ...created, data: "AgA=" });
  await assert.rejects(store.update({ ...created, data: "BA==" }), { name: "ConflictError" });
  assert.equal((await store.get("RangeAllocation", undefined, "serviceips"))?.data, "AgA=");
  assert.notEqual(updated.metadata.resourceVersion, created.metadata.resourceVersion);
  await store.close();
});
