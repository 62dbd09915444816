import assert from "node:assert/strict";
import { threeWayMergePatch } from "../../lib/cluster/three_way_merge.ts";

const cases: [string, unknown, unknown, unknown, unknown][] = [
  // title, original (last applied), modified (manifest), current (server), expected patch
  ["nothing changed", { a: 1 }, { a: 1 }, { a: 1, status: "x" }, {}],
  ["a changed value is set", { a: 1 }, { a: 2 }, { a: 1 }, { a: 2 }],
  ["a dropped field is deleted", { a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2 }, { b: null }],
  ["server-set fields stay", { spec: { x: 1 } }, { spec: { x: 1 } }, {
    spec: { x: 1, nodeName: "n" },
  }, {}],
  ["a field changed on the server is put back", { r: 3 }, { r: 3 }, { r: 5 }, { r: 3 }],
  ["nested deletions", { s: { a: 1, b: 1 } }, { s: { a: 1 } }, { s: { a: 1, b: 1, c: 1 } }, {
    s: { b: null },
  }],
  ["lists are replaced whole", { l: [1, 2] }, { l: [1] }, { l: [1, 2] }, { l: [1] }],
  ["a field the user never set and still does not is untouched", {}, {}, { replicas: 4 }, {}],
  [
    "containers merge by name, keeping defaults the server added",
    { containers: [{ name: "a", image: "x" }] },
    { containers: [{ name: "a", image: "x" }] },
    { containers: [{ name: "a", image: "x", imagePullPolicy: "Always" }] },
    {},
  ],
  [
    "a changed image in a keyed list sends the merged list",
    { containers: [{ name: "a", image: "x" }] },
    { containers: [{ name: "a", image: "y" }] },
    { containers: [{ name: "a", image: "x", imagePullPolicy: "Always" }] },
    { containers: [{ name: "a", image: "y", imagePullPolicy: "Always" }] },
  ],
  [
    "a dropped env entry goes; one added by someone else stays",
    { env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] },
    { env: [{ name: "A", value: "1" }] },
    { env: [{ name: "A", value: "1" }, { name: "B", value: "2" }, { name: "C", value: "3" }] },
    { env: [{ name: "A", value: "1" }, { name: "C", value: "3" }] },
  ],
  [
    "service ports merge by port",
    { ports: [{ port: 80 }] },
    { ports: [{ port: 80 }] },
    { ports: [{ port: 80, targetPort: 80, protocol: "TCP" }] },
    {},
  ],
];

for (const [title, original, modified, current, expected] of cases) {
  Deno.test(`threeWayMergePatch(): ${title}`, () => {
    assert.deepEqual(threeWayMergePatch(original, modified, current), expected);
  });
}
