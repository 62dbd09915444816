import assert from "node:assert/strict";
import { BadRequestError } from "../../lib/api/errors.ts";
import {
  compareQuantities,
  cpuMillis,
  formatCpu,
  formatMemory,
  isQuantity,
  memoryBytes,
  parseQuantity,
} from "../../lib/api/quantity.ts";
import type { ParsedQuantity } from "../../lib/api/quantity.ts";

const FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function q(mantissa: bigint, scale: number, format: ParsedQuantity["format"]): ParsedQuantity {
  return { mantissa, scale, format };
}

Deno.test("parseQuantity() reads decimal SI suffixes", () => {
  const cases: [string, ParsedQuantity][] = [
    ["0", q(0n, 0, "DecimalSI")],
    ["2", q(2n, 0, "DecimalSI")],
    ["100m", q(1n, -1, "DecimalSI")], // 100 * 10^-3 = 1 * 10^-1
    ["1500m", q(15n, -1, "DecimalSI")], // 1.5
    ["0.5", q(5n, -1, "DecimalSI")],
    ["250u", q(25n, -5, "DecimalSI")], // 250 * 10^-6
    ["7n", q(7n, -9, "DecimalSI")],
    ["1k", q(1n, 3, "DecimalSI")],
    ["500M", q(5n, 8, "DecimalSI")], // 500 * 10^6 = 5 * 10^8
    ["1.5G", q(15n, 8, "DecimalSI")],
    ["3T", q(3n, 12, "DecimalSI")],
    ["4P", q(4n, 15, "DecimalSI")],
    ["1E", q(1n, 18, "DecimalSI")], // E alone is exa, not an exponent
    ["+3", q(3n, 0, "DecimalSI")],
    ["-1.5", q(-15n, -1, "DecimalSI")],
    ["007", q(7n, 0, "DecimalSI")],
    ["1.", q(1n, 0, "DecimalSI")],
    [".5", q(5n, -1, "DecimalSI")],
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseQuantity(text), expected, text);
});

Deno.test("parseQuantity() reads binary suffixes", () => {
  const cases: [string, ParsedQuantity][] = [
    ["1Ki", q(1024n, 0, "BinarySI")],
    ["128Mi", q(134217728n, 0, "BinarySI")], // 128 * 2^20
    ["1Gi", q(1073741824n, 0, "BinarySI")], // 2^30
    ["1.5Ki", q(1536n, 0, "BinarySI")], // 1.5 * 1024
    ["0.5Gi", q(536870912n, 0, "BinarySI")], // 2^29
    ["1Ti", q(1099511627776n, 0, "BinarySI")], // 2^40
    ["2Pi", q(2251799813685248n, 0, "BinarySI")], // 2 * 2^50
    ["1Ei", q(1152921504606846976n, 0, "BinarySI")], // 2^60
    ["-2Ki", q(-2048n, 0, "BinarySI")],
    ["0.5Ki", q(512n, 0, "BinarySI")],
    ["0.001Ki", q(1024n, -3, "BinarySI")], // 1.024
    ["0.0005Ki", q(512n, -3, "DecimalSI")], // 0.512 < 1, so Kubernetes switches to DecimalSI
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseQuantity(text), expected, text);
});

Deno.test("parseQuantity() reads decimal exponents", () => {
  const cases: [string, ParsedQuantity][] = [
    ["1e3", q(1n, 3, "DecimalExponent")],
    ["1E6", q(1n, 6, "DecimalExponent")],
    ["1e-3", q(1n, -3, "DecimalExponent")],
    ["1e+3", q(1n, 3, "DecimalExponent")],
    ["2.5e2", q(25n, 1, "DecimalExponent")], // 250
    ["12e0", q(12n, 0, "DecimalExponent")],
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseQuantity(text), expected, text);
});

Deno.test("parseQuantity() rounds below a nano away from zero and caps binary values", () => {
  assert.deepEqual(parseQuantity("0.1n"), q(1n, -9, "DecimalSI"));
  assert.deepEqual(parseQuantity("1.0000000001"), q(1000000001n, -9, "DecimalSI")); // up to 1.000000001
  assert.deepEqual(parseQuantity("-0.1n"), q(-1n, -9, "DecimalSI")); // away from zero
  assert.deepEqual(parseQuantity("1e-12"), q(1n, -9, "DecimalExponent"));
  // 16Ei = 2^64 > 2^63-1 = 9223372036854775807
  assert.deepEqual(parseQuantity("16Ei"), q(9223372036854775807n, 0, "BinarySI"));
  assert.deepEqual(parseQuantity("-16Ei"), q(-9223372036854775807n, 0, "BinarySI"));
});

Deno.test("parseQuantity() accepts numbers as YAML gives them", () => {
  assert.deepEqual(parseQuantity(2), q(2n, 0, "DecimalSI"));
  assert.deepEqual(parseQuantity(0.25), q(25n, -2, "DecimalSI"));
  assert.deepEqual(parseQuantity(1e21), q(1n, 21, "DecimalExponent")); // String(1e21) is "1e+21"
  assert.throws(() => parseQuantity(NaN), { message: FORMAT_WRONG });
  assert.throws(() => parseQuantity(true as unknown as string), { message: FORMAT_WRONG });
});

Deno.test("parseQuantity() rejects malformed text with Kubernetes' message", () => {
  for (const text of ["", "Mi", "1.5.3", "12Q", "-", ".", "1 ", " 1", "1Mi3x", "1e3e3", "abc"]) {
    assert.throws(() => parseQuantity(text), (error: unknown) => {
      assert.ok(error instanceof BadRequestError, text);
      assert.equal(error.message, FORMAT_WRONG, text);
      assert.equal(error.code, 400);
      return true;
    });
  }
});

Deno.test("parseQuantity() rejects unknown suffixes as Kubernetes does", () => {
  for (const text of ["1i", "5K", "1e", "1mi", "1Mi3", "1-3", "0.1ki"]) {
    assert.throws(() => parseQuantity(text), {
      name: "BadRequestError",
      message: "unable to parse quantity's suffix",
    }, text);
  }
});

Deno.test("isQuantity() tells quantities from other text", () => {
  const cases: [string, boolean][] = [
    ["500m", true],
    ["128Mi", true],
    ["1e3", true],
    ["-1", true],
    ["1.5.3", false],
    ["12Q", false],
    ["", false],
    ["Mi", false],
    ["1i", false],
  ];
  for (const [text, expected] of cases) assert.equal(isQuantity(text), expected, text);
});

Deno.test("cpuMillis() rounds up to whole milli-CPU like MilliValue()", () => {
  const cases: [string | number, number][] = [
    ["100m", 100],
    ["0.5", 500], // 0.5 * 1000
    ["2", 2000],
    [2, 2000],
    ["1e3", 1000000], // 1000 cores
    ["1n", 1], // 0.000001m rounds up
    ["1500u", 2], // 1.5m rounds up
    ["0", 0],
    ["-100m", -100],
    ["-1500u", -2], // away from zero
    ["1k", 1000000],
    ["1e30", Number.MAX_SAFE_INTEGER], // saturates
  ];
  for (const [value, expected] of cases) assert.equal(cpuMillis(value), expected, String(value));
});

Deno.test("memoryBytes() rounds up to whole bytes like Value()", () => {
  const cases: [string | number, number][] = [
    ["128Mi", 134217728], // 128 * 1048576
    ["1Gi", 1073741824],
    ["500M", 500000000],
    ["1e3", 1000],
    ["0.5Gi", 536870912], // 2^29
    ["1.5", 2], // rounds up
    ["100m", 1], // 0.1 rounds up
    [1024, 1024],
    ["-1.5", -2], // away from zero
    ["-128Mi", -134217728],
  ];
  for (const [value, expected] of cases) assert.equal(memoryBytes(value), expected, String(value));
});

Deno.test("formatCpu() prints milli-CPU in canonical form", () => {
  const cases: [number, string][] = [
    [1500, "1500m"],
    [2000, "2"],
    [2500, "2500m"],
    [100, "100m"],
    [0, "0"],
    [2000000, "2k"], // 2000 cores
    [-500, "-500m"],
    [0.2, "1m"], // a fraction of a milli rounds up
  ];
  for (const [millis, expected] of cases) assert.equal(formatCpu(millis), expected, String(millis));
});

Deno.test("formatMemory() prints bytes as kubectl shows memory", () => {
  const cases: [number, string][] = [
    [134217728, "128Mi"], // 128 * 2^20
    [1073741824, "1Gi"],
    [500000000, "500M"], // not a multiple of 1024, a multiple of 10^6
    [1536, "1536"], // 1.5Ki is not exact, nor a multiple of 1000
    [2048000, "2000Ki"], // binary wins over decimal (2048k)
    [1000, "1k"],
    [123, "123"],
    [0, "0"],
    [1152921504606846976, "1Ei"], // 2^60
    [-2048, "-2Ki"],
  ];
  for (const [bytes, expected] of cases) assert.equal(formatMemory(bytes), expected, String(bytes));
});

Deno.test("compareQuantities() compares exact values across suffixes", () => {
  const cases: [string, string, number][] = [
    ["1Gi", "1G", 1], // 1073741824 > 1000000000
    ["1000m", "1", 0],
    ["1e3", "1k", 0],
    ["-1", "1m", -1],
    ["0", "-0", 0],
    ["1e1000000", "1Ei", 1], // far apart, decided by magnitude
    ["-1e1000000", "-1", -1],
    ["999m", "1", -1],
  ];
  for (const [a, b, expected] of cases) {
    assert.equal(compareQuantities(a, b), expected, `${a} vs ${b}`);
  }
  assert.equal(compareQuantities(parseQuantity("128Mi"), 134217728), 0);
});
