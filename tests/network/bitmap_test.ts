import assert from "node:assert/strict";
import { bitmapClear, bitmapFirstFree, bitmapHas, bitmapSet } from "../../lib/network/mod.ts";

Deno.test("bitmapSet() writes Kubernetes' encoding: a big-endian integer without leading zeros", () => {
  const cases: [number[], string][] = [
    [[], ""],
    [[0], "AQ=="], // 0x01
    [[9], "AgA="], // 0x02 0x00: bit 9
    [[0, 1, 2, 3, 4, 5, 6, 7], "/w=="], // 0xff
    [[256], "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"], // 0x01 and 32 zero bytes
  ];
  for (const [offsets, data] of cases) {
    assert.equal(offsets.reduce(bitmapSet, ""), data, `${offsets}`);
  }
});

Deno.test("bitmapHas() reads set and unset offsets, also past the stored bytes", () => {
  const data = [3, 9, 40].reduce(bitmapSet, "");
  const cases: [number, boolean][] = [[3, true], [9, true], [40, true], [4, false], [1000, false]];
  for (const [offset, set] of cases) assert.equal(bitmapHas(data, offset), set, `${offset}`);
});

Deno.test("bitmapClear() frees an offset and trims the bytes it no longer needs", () => {
  const data = bitmapSet(bitmapSet("", 2), 300);
  assert.equal(bitmapClear(data, 300), "BA=="); // only bit 2 left: 0x04
  assert.equal(bitmapClear(bitmapClear(data, 300), 2), "");
  assert.equal(bitmapClear("", 5), "", "clearing a free offset changes nothing");
});

Deno.test("bitmapSet() and bitmapClear() never change their input", () => {
  const data = bitmapSet("", 1);
  bitmapSet(data, 2);
  bitmapClear(data, 1);
  assert.equal(data, "Ag==");
});

Deno.test("bitmapFirstFree() finds the lowest free offset in a window", () => {
  const full8 = [0, 1, 2, 3, 4, 5, 6, 7].reduce(bitmapSet, "");
  const cases: [string, number, number, number | undefined][] = [
    ["", 0, 10, 0],
    ["", 5, 10, 5],
    [full8, 0, 100, 8], // skips the full byte
    [bitmapSet(full8, 8), 0, 100, 9],
    [full8, 0, 8, undefined], // nothing free below 8
    [full8, 3, 3, undefined], // empty window
  ];
  for (const [data, from, to, expected] of cases) {
    assert.equal(bitmapFirstFree(data, from, to), expected, `${data} [${from}, ${to})`);
  }
});

Deno.test("bitmapHas() reports data that is not base64", () => {
  assert.throws(() => bitmapHas("not base64!", 0), /RangeAllocation data is not base64/);
});
