/**
 * The real kubectl against `kclone server` with 10,000 pods on 100 nodes (a SQLite database built
 * and settled through Cluster, as bench/cli_cold.ts does): `kubectl get pods` and
 * `kubectl get pods -A -o wide`, timed as whole processes, plus `kubectl version --client` for
 * kubectl's own start-up. One warm-up of each, then medians. Target: `kubectl get pods` on 10,000
 * pods <= 1 s. Skips, saying so, when kubectl is missing.
 *
 * Run: deno run -A bench/server_kubectl_get.ts [--runs 7]
 */
import { parseArgs } from "node:util";
import { Cluster } from "../lib/cluster/cluster.ts";
import { benchDeployment, benchNodes } from "./_cluster.ts";
import { median } from "./_medians.ts";
import { startServerProcess } from "./server_process.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Number(values.runs);

async function kubectl(args: string[]): Promise<{ ms: number; lines: number }> {
  const start = performance.now();
  const { code, stdout, stderr } = await new Deno.Command("kubectl", {
    args,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`kubectl ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`);
  return { ms, lines: new TextDecoder().decode(stdout).split("\n").length - 1 };
}

try {
  await kubectl(["version", "--client"]);
} catch {
  console.log("kubectl is not installed: skipped");
  Deno.exit(0);
}

const dir = await Deno.makeTempDir({ prefix: "kclone-kubectl-bench-" });
const db = `${dir}/kclone.db`;
const cluster = await Cluster.open({ db });
await cluster.apply(benchNodes(100));
await cluster.apply(benchDeployment("web", 10_000));
await cluster.settle({ maxRounds: 1000 });
const pods = (await cluster.store.list("Pod")).items.length;
await cluster.close();
console.log(`database with ${pods} pods on 100 nodes: ${db}`);

const server = await startServerProcess(db);
try {
  const k = ["--kubeconfig", server.kubeconfig];
  const commands: Record<string, string[]> = {
    "kubectl version --client": ["version", "--client"],
    "kubectl get pods": [...k, "get", "pods"],
    "kubectl get pods -A -o wide": [...k, "get", "pods", "-A", "-o", "wide"],
  };
  const results: Record<string, number[]> = {};
  for (const [name, args] of Object.entries(commands)) {
    const { lines } = await kubectl(args); // warm-up: kubectl's discovery cache, the server's JIT
    results[name] = [];
    console.log(`${name}: ${lines} lines of output`);
  }
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(commands)) {
      results[name].push((await kubectl(args)).ms);
    }
  }
  for (const [name, samples] of Object.entries(results)) {
    const ms = median(samples);
    const target = name === "kubectl get pods"
      ? ` (target <= 1,000 ms: ${ms <= 1000 ? "met" : "not met"})`
      : "";
    console.log(
      `${name}: median ${ms.toFixed(0)} ms over ${runs} runs` +
        ` [${samples.map((s) => s.toFixed(0)).join(", ")}]${target}`,
    );
  }
} finally {
  await server.stop();
  await Deno.remove(dir, { recursive: true });
}
