import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { BadRequestError } from "../../lib/api/errors.ts";
import type { AdmitResult } from "../../lib/api/validation/mod.ts";
import { admitObject } from "../../lib/api/validation/mod.ts";

// The examples live beside the repository: <root>/../shared/k8s-examples.
const EXAMPLES = new URL("../../../shared/k8s-examples/", import.meta.url);

async function yamlFiles(dir: URL, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) {
      found.push(...await yamlFiles(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`));
    } else if (entry.name.endsWith(".yaml")) found.push(`${prefix}${entry.name}`);
  }
  return found.sort();
}

async function documents(file: string): Promise<unknown[]> {
  const text = await Deno.readTextFile(new URL(file, EXAMPLES));
  return parseAllDocuments(text).map((doc) => doc.toJS()).filter((doc) => doc != null);
}

async function admitFile(file: string): Promise<AdmitResult[]> {
  return (await documents(file)).map((raw) => admitObject(raw));
}

Deno.test("admitObject() admits every manifest of the Kubernetes docs", async (t) => {
  const files = (await yamlFiles(EXAMPLES)).filter((f) => !f.startsWith("invalid/"));
  let count = 0;
  for (const file of files) {
    await t.step(file, async () => {
      count += (await admitFile(file)).length;
    });
  }
  // 54 files hold 56 objects: nginx-app.yaml and pod-with-graceful-termination.yaml hold two.
  assert.equal(files.length, 54);
  assert.equal(count, 56);
});

Deno.test("admitObject() keeps and reports the fields kclone does not act on", async () => {
  const [deployment, service] = await admitFile("service/pod-with-graceful-termination.yaml");
  assert.deepEqual(deployment.warnings, [
    "spec.template.spec.containers[0].lifecycle: kclone stores this field but does not act on it yet",
  ]);
  assert.deepEqual(service.warnings, []);
  const template =
    (deployment.object as { spec: { template: { spec: { containers: unknown[] } } } })
      .spec.template.spec.containers[0];
  assert.deepEqual((template as { lifecycle: unknown }).lifecycle, {
    preStop: { exec: { command: ["/bin/sh", "-c", "sleep 180"] } },
  });
  const [pod] = await admitFile("pods/pod-nginx.yaml");
  // `nginx` has no tag, so Kubernetes' default would be Always: IfNotPresent is a real choice.
  assert.deepEqual(pod.warnings, [
    "spec.containers[0].imagePullPolicy: kclone stores this field but does not act on it yet",
  ]);
});

Deno.test("admitObject() accepts numeric tolerations and keeps namespaces from the docs", async () => {
  const [pod] = await admitFile("pods/pod-with-numeric-toleration.yaml");
  assert.deepEqual((pod.object as { spec: { tolerations: unknown } }).spec.tolerations, [{
    key: "servicelevel.organization.example/agreed-service-level",
    operator: "Gt",
    value: "900",
    effect: "NoSchedule",
  }]);
  const [cpu] = await admitFile("pods/resource/cpu-request-limit.yaml");
  assert.equal(cpu.object.metadata.namespace, "cpu-example");
});

Deno.test("admitObject() rejects the invalid manifest naming the field", async () => {
  const [raw] = await documents("invalid/pod-with-node-affinity.yaml");
  assert.throws(() => admitObject(raw), (error: unknown) => {
    assert.ok(error instanceof BadRequestError);
    assert.equal(
      error.message,
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector',
    );
    return true;
  });
});
