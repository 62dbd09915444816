import assert from "node:assert/strict";
import type { Container, EnvVar } from "../../../lib/api/types.ts";
import { commandLine, containerEnv, expandVariables } from "../../../lib/agent/runtime/mod.ts";
import { makePod } from "../../_fixtures.ts";

const vars = { A: "alpha", B: "beta", EMPTY: "" };

const expansions: [string, string][] = [
  ["$(A)", "alpha"],
  ["x$(A)y$(B)z", "xalphaybetaz"],
  ["$(EMPTY)|", "|"],
  ["$(MISSING)", "$(MISSING)"], // unknown names stay as written
  ["$$(A)", "$(A)"], // $$ escapes the reference
  ["$$$(A)", "$alpha"],
  ["$$", "$"],
  ["$", "$"], // a lone $ at the end is kept
  ["a$b", "a$b"], // $ before another character is kept
  ["$(A", "$(A"], // unclosed reference kept
  ["$()", "$()"], // empty name: unknown
  ["$(A)$(A)", "alphaalpha"],
  ["no refs", "no refs"],
];

for (const [input, want] of expansions) {
  Deno.test(`expandVariables() turns ${JSON.stringify(input)} into ${JSON.stringify(want)}`, () => {
    assert.equal(expandVariables(input, vars), want);
  });
}

const pod = makePod("web", {
  nodeName: "node-1",
  overrides: {
    metadata: { uid: "uid-1", labels: { app: "web" } },
    spec: { serviceAccountName: "robot" },
  },
});

function envOf(env: EnvVar[], podIP = "127.0.10.2") {
  return containerEnv(pod, { name: "app", env }, { podIP });
}

function ref(fieldPath: string): EnvVar["valueFrom"] {
  return { fieldRef: { fieldPath } };
}

Deno.test("containerEnv() resolves every supported fieldRef from the pod", () => {
  const result = envOf([
    { name: "NAME", valueFrom: ref("metadata.name") },
    { name: "NS", valueFrom: ref("metadata.namespace") },
    { name: "UID", valueFrom: ref("metadata.uid") },
    { name: "IP", valueFrom: ref("status.podIP") },
    { name: "NODE", valueFrom: ref("spec.nodeName") },
    { name: "SA", valueFrom: ref("spec.serviceAccountName") },
    { name: "APP", valueFrom: ref("metadata.labels['app']") },
  ]);
  assert.deepEqual(result, {
    ok: true,
    env: {
      NAME: "web",
      NS: "default",
      UID: "uid-1",
      IP: "127.0.10.2",
      NODE: "node-1",
      SA: "robot",
      APP: "web",
    },
  });
});

Deno.test("containerEnv() expands a value against the entries defined before it only", () => {
  const result = envOf([
    { name: "LATER_REF", value: "[$(HOST)]" },
    { name: "HOST", valueFrom: ref("status.podIP") },
    { name: "URL", value: "http://$(HOST):8080/$(NOPE)" },
    { name: "LITERAL", value: "$$(HOST)" },
  ]);
  assert.deepEqual(result, {
    ok: true,
    env: {
      LATER_REF: "[$(HOST)]",
      HOST: "127.0.10.2",
      URL: "http://127.0.10.2:8080/$(NOPE)",
      LITERAL: "$(HOST)",
    },
  });
});

Deno.test("containerEnv() lets a later entry override an earlier one", () => {
  const result = envOf([{ name: "X", value: "1" }, { name: "X", value: "$(X)2" }]);
  assert.deepEqual(result, { ok: true, env: { X: "12" } });
});

Deno.test("containerEnv() does not expand a fieldRef value", () => {
  const odd = makePod("odd-$(X)", { overrides: { metadata: { uid: "u" } } });
  const result = containerEnv(odd, {
    name: "app",
    env: [{ name: "X", value: "1" }, { name: "N", valueFrom: ref("metadata.name") }],
  });
  assert.deepEqual(result, { ok: true, env: { X: "1", N: "odd-$(X)" } });
});

Deno.test("containerEnv() reports an unsupported field as CreateContainerConfigError naming it", () => {
  assert.deepEqual(envOf([{ name: "BAD", valueFrom: ref("spec.nope") }]), {
    ok: false,
    reason: "CreateContainerConfigError",
    message: "field label not supported: spec.nope",
  });
  assert.deepEqual(
    containerEnv(pod, {
      name: "app",
      env: [{
        name: "V",
        valueFrom: { fieldRef: { fieldPath: "metadata.name", apiVersion: "v2" } },
      }],
    }),
    { ok: false, reason: "CreateContainerConfigError", message: "unsupported pod version: v2" },
  );
});

Deno.test("containerEnv() reports a source kclone cannot resolve, naming the variable", () => {
  const result = envOf([{ name: "PASS", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }]);
  assert.deepEqual(result, {
    ok: false,
    reason: "CreateContainerConfigError",
    message: "env PASS: secretKeyRef is not supported by kclone",
  });
});

Deno.test("commandLine() joins command and args and expands both, with no shell", () => {
  const container: Container = {
    name: "app",
    command: ["python3", "-m", "http.server"],
    args: ["--bind", "$(POD_IP)", "$(PORT)", "'$$(POD_IP)'", "$(UNSET)"],
  };
  assert.deepEqual(commandLine(container, { POD_IP: "127.0.10.2", PORT: "8080" }), [
    "python3",
    "-m",
    "http.server",
    "--bind",
    "127.0.10.2",
    "8080",
    "'$(POD_IP)'",
    "$(UNSET)",
  ]);
});

Deno.test("commandLine() is undefined for a container without a command (kept simulated)", () => {
  assert.equal(commandLine({ name: "nginx", image: "nginx", args: ["-g"] }, {}), undefined);
  assert.equal(commandLine({ name: "nginx", image: "nginx", command: [] }, {}), undefined);
});
