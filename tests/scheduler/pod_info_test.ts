import assert from "node:assert/strict";
import type { Container } from "../../lib/api/types.ts";
import { podInfoOf } from "../../lib/scheduler/mod.ts";
import { makePod } from "../_fixtures.ts";

const Mi = 1024 * 1024;
const c = (name: string, requests?: Record<string, string>): Container => ({
  name,
  ...(requests ? { resources: { requests } } : {}),
});

const cases: [string, Container[], Container[], number[]][] = [
  // [cpu, memory, non-zero cpu, non-zero memory]
  ["one container", [c("a", { cpu: "500m", memory: "128Mi" })], [], [500, 128 * Mi, 500, 128 * Mi]],
  ["containers add up", [c("a", { cpu: "1" }), c("b", { cpu: "250m" })], [], [
    1250,
    0,
    1250,
    400 * Mi,
  ]],
  // Each container without a request counts 100m / 200Mi for scoring.
  ["missing requests score as 100m / 200Mi each", [c("a"), c("b")], [], [0, 0, 200, 400 * Mi]],
  // An explicit 0 is a request: it stays 0 for scoring too.
  ["an explicit zero stays zero", [c("a", { cpu: "0", memory: "0" })], [], [0, 0, 0, 0]],
  // Init containers run one at a time: max(sum of containers, each init container).
  ["an init container larger than the containers", [c("a", { cpu: "1" })], [
    c("init", { cpu: "2", memory: "64Mi" }),
  ], [2000, 64 * Mi, 2000, 200 * Mi]],
  ["init containers smaller than the containers", [c("a", { cpu: "1" }), c("b", { cpu: "1" })], [
    c("init", { cpu: "1500m" }),
  ], [2000, 0, 2000, 400 * Mi]],
];

for (const [name, containers, initContainers, expected] of cases) {
  Deno.test(`podInfoOf() requests: ${name}`, () => {
    const info = podInfoOf(makePod("web", { overrides: { spec: { containers, initContainers } } }));
    assert.deepEqual(
      [info.milliCPU, info.memory, info.nonZeroMilliCPU, info.nonZeroMemory],
      expected,
    );
  });
}

Deno.test("podInfoOf() keeps other resources apart and parses a pod object once", () => {
  const pod = makePod("web", {
    overrides: {
      spec: { containers: [c("a", { "nvidia.com/gpu": "2", "ephemeral-storage": "1Gi" })] },
    },
  });
  const info = podInfoOf(pod);
  assert.deepEqual(info.scalar, { "nvidia.com/gpu": 2, "ephemeral-storage": 1024 * Mi });
  assert.equal(podInfoOf(pod), info);
  assert.equal(info.key, "default/web");
});
