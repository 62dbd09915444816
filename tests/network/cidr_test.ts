import assert from "node:assert/strict";
import { BadRequestError } from "../../lib/api/errors.ts";
import {
  cidrContains,
  formatIPv4,
  kubernetesServiceIP,
  parseCIDR,
  parseIPv4,
  parsePortRange,
  usableRange,
} from "../../lib/network/mod.ts";

Deno.test("parseIPv4() and formatIPv4() convert dotted quads and integers", () => {
  const cases: [string, number | undefined][] = [
    ["0.0.0.0", 0],
    ["10.96.0.1", 174063617], // 10*2^24 + 96*2^16 + 1
    ["255.255.255.255", 4294967295],
    ["10.96.0.010", undefined], // leading zero
    ["10.96.0", undefined],
    ["10.96.0.256", undefined],
    ["fd00::1", undefined],
  ];
  for (const [text, value] of cases) {
    assert.equal(parseIPv4(text), value, text);
    if (value !== undefined) assert.equal(formatIPv4(value), text);
  }
});

Deno.test("parseCIDR() reads the block and drops host bits as Go's ParseCIDR does", () => {
  const cases: [string, string, number][] = [
    ["10.96.0.0/12", "10.96.0.0/12", 1048576],
    ["10.96.0.1/12", "10.96.0.0/12", 1048576],
    ["10.96.0.0/29", "10.96.0.0/29", 8],
    ["192.168.1.77/32", "192.168.1.77/32", 1],
    ["0.0.0.0/0", "0.0.0.0/0", 4294967296],
  ];
  for (const [text, canonical, size] of cases) {
    const cidr = parseCIDR(text);
    assert.equal(cidr.text, canonical, text);
    assert.equal(cidr.size, size, text);
  }
});

Deno.test("parseCIDR() rejects malformed ranges with a BadRequest", () => {
  const cases: [string, string][] = [
    ["10.96.0.0", "invalid CIDR address: 10.96.0.0"],
    ["10.96.0.0/33", "invalid CIDR address: 10.96.0.0/33"],
    ["10.96.0/12", "invalid CIDR address: 10.96.0/12"],
    [
      "fd00::/108",
      "invalid CIDR address: fd00::/108 (kclone allocates IPv4 service addresses only)",
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseCIDR(text), (error) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.message, message);
      return true;
    });
  }
});

Deno.test("cidrContains() includes the network and broadcast addresses", () => {
  const cidr = parseCIDR("10.96.0.0/12");
  const cases: [string, boolean][] = [
    ["10.96.0.0", true],
    ["10.111.255.255", true], // broadcast of 10.96.0.0/12
    ["10.112.0.0", false],
    ["10.95.255.255", false],
    ["not-an-ip", false],
  ];
  for (const [ip, inside] of cases) assert.equal(cidrContains(cidr, ip), inside, ip);
});

Deno.test("usableRange() leaves out the network and broadcast addresses", () => {
  const { first, last } = usableRange(parseCIDR("10.96.0.0/29"));
  assert.equal(formatIPv4(first), "10.96.0.1");
  assert.equal(formatIPv4(last), "10.96.0.6");
  assert.equal(kubernetesServiceIP(parseCIDR("10.96.0.0/12")), "10.96.0.1");
});

Deno.test("parsePortRange() reads min-max and single ports as apimachinery does", () => {
  assert.deepEqual(parsePortRange("30000-32767"), { text: "30000-32767", base: 30000, size: 2768 });
  assert.deepEqual(parsePortRange(" 8080 "), { text: "8080-8080", base: 8080, size: 1 });
  const cases: [string, string][] = [
    ["30000:32767", "unable to parse port range: 30000:32767"],
    ["0-10", "unable to parse port range: 0-10"],
    ["30000-70000", "unable to parse port range: 30000-70000"],
    ["32767-30000", "end port cannot be less than start port: 32767-30000"],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parsePortRange(text), { name: "BadRequestError", message });
  }
});
