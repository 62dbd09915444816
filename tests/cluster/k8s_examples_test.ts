import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";

const examples = new URL("../../../shared/k8s-examples/", import.meta.url).pathname;

async function yamlFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory) files.push(...await yamlFiles(`${path}/`));
    else if (/\.ya?ml$/.test(entry.name)) files.push(path);
  }
  return files.sort();
}

const files = await yamlFiles(examples);
const valid = files.filter((f) => !f.includes("/invalid/"));
const invalid = files.filter((f) => f.includes("/invalid/"));

Deno.test("the Kubernetes documentation examples are all there", () => {
  assert.ok(valid.length >= 50, `found ${valid.length} example files`);
  assert.ok(invalid.length >= 1);
});

for (const file of valid) {
  const name = file.slice(examples.length);
  Deno.test(`apply() accepts ${name}`, async () => {
    const cluster = await Cluster.open();
    try {
      for (const ns of ["cpu-example", "mem-example", "qos-example"]) {
        await cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
      }
      const results = await cluster.apply(await Deno.readTextFile(file), { source: name });
      assert.ok(results.length > 0);
      for (const { object } of results) {
        const stored = await cluster.get(object.kind as "Pod", object.metadata.name!, {
          namespace: object.metadata.namespace,
        });
        assert.equal(
          stored?.metadata.uid,
          object.metadata.uid,
          `${object.kind} ${object.metadata.name}`,
        );
      }
    } finally {
      await cluster.close();
    }
  });
}

for (const file of invalid) {
  const name = file.slice(examples.length);
  Deno.test(`apply() rejects ${name}, naming the file and the field`, async () => {
    const cluster = await Cluster.open();
    try {
      const before = await cluster.store.revision();
      await assert.rejects(
        cluster.apply(await Deno.readTextFile(file), { source: name }),
        (error: Error) => {
          assert.match(error.message, new RegExp(`^${name.replace(".", "\\.")}`));
          assert.match(
            error.message,
            /spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution/,
          );
          return true;
        },
      );
      assert.equal(await cluster.store.revision(), before);
    } finally {
      await cluster.close();
    }
  });
}
