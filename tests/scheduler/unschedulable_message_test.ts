import assert from "node:assert/strict";
import { formatUnschedulableMessage, NO_NODES_AVAILABLE } from "../../lib/scheduler/mod.ts";

const cases: [string, number, Record<string, number>, string][] = [
  [
    "the issue's example",
    3,
    { "Insufficient cpu": 2, "node(s) had untolerated taint {dedicated: gpu}": 1 },
    "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.",
  ],
  [
    // One node short of both counts under both reasons, as in Kubernetes.
    "a node short of cpu and memory",
    1,
    { "Insufficient cpu": 1, "Insufficient memory": 1 },
    "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.",
  ],
  [
    // Sorted as strings: "10 ..." sorts before "2 ...", as Go's sort.Strings does.
    "counts sort as text",
    12,
    { "node(s) were unschedulable": 2, "Too many pods": 10 },
    "0/12 nodes are available: 10 Too many pods, 2 node(s) were unschedulable.",
  ],
  [
    "every filter",
    9,
    {
      "node(s) didn't match Pod's node affinity/selector": 1,
      "node(s) were unschedulable": 1,
      "node(s) had untolerated taint {node.kubernetes.io/not-ready: }": 1,
      "node(s) didn't match the requested node name": 1,
      "Too many pods": 1,
      "node(s) didn't match pod affinity rules": 1,
      "node(s) didn't match pod anti-affinity rules": 1,
      "node(s) didn't satisfy existing pods anti-affinity rules": 1,
      "Insufficient memory": 1,
    },
    "0/9 nodes are available: 1 Insufficient memory, 1 Too many pods, " +
    "1 node(s) didn't match Pod's node affinity/selector, " +
    "1 node(s) didn't match pod affinity rules, 1 node(s) didn't match pod anti-affinity rules, " +
    "1 node(s) didn't match the requested node name, " +
    "1 node(s) didn't satisfy existing pods anti-affinity rules, " +
    "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, " +
    "1 node(s) were unschedulable.",
  ],
  ["no reasons", 0, {}, "0/0 nodes are available:"],
];

for (const [name, total, reasons, expected] of cases) {
  Deno.test(`formatUnschedulableMessage() builds kube-scheduler's message: ${name}`, () => {
    assert.equal(formatUnschedulableMessage(total, reasons), expected);
  });
}

Deno.test("NO_NODES_AVAILABLE is kube-scheduler's ErrNoNodesAvailable text", () => {
  assert.equal(NO_NODES_AVAILABLE, "no nodes available to schedule pods");
});
