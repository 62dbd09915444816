/**
 * The CLI as whole cold processes, with 10,000 pods in the database: `kclone get pods` and
 * `kclone pod-create` (which settles: the new pod is scheduled and started before it exits).
 * Targets: get pods <= 300 ms, pod-create <= 200 ms (medians).
 * Run: deno run -A bench/cli_cold.ts [--runs 11]
 */
import { parseArgs } from "node:util";
import { Cluster } from "../lib/cluster/cluster.ts";
import { benchDeployment, benchNodes } from "./_cluster.ts";
import { median } from "./_medians.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "11" } } });
const runs = Number(values.runs);
const cli = new URL("../cli.ts", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "kclone-cli-bench-" });
const db = `${dir}/kclone.db`;

const cluster = await Cluster.open({ db });
await cluster.apply(benchNodes(100));
await cluster.apply(benchDeployment("web", 10_000));
await cluster.settle({ maxRounds: 1000 });
const pods = (await cluster.store.list("Pod")).items.length;
await cluster.close();
console.log(`database with ${pods} pods on 100 nodes: ${db}`);

async function time(args: string[]): Promise<number> {
  const start = performance.now();
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", cli, "--db", db, ...args],
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  if (code !== 0) throw new Error(`kclone ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`);
  return performance.now() - start;
}

// The module graph is compiled and cached once, as for any installed command.
await time(["--version"]);
const results: Record<string, number[]> = { "get pods": [], "pod-create": [], "--version": [] };
for (let i = 0; i < runs; i++) {
  results["--version"].push(await time(["--version"]));
  results["get pods"].push(await time(["get", "pods"]));
  results["pod-create"].push(
    await time(["pod-create", `bench-${i}`, "--image", "nginx", "--cpu", "0.1"]),
  );
}
for (const [name, samples] of Object.entries(results)) {
  console.log(
    `kclone ${name}: median ${median(samples).toFixed(0)} ms over ${runs} cold processes`,
  );
}
await Deno.remove(dir, { recursive: true });
