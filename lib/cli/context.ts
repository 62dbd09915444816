import { Cluster, type ClusterOptions } from "../cluster/cluster.ts";
import { StoreOpenError } from "../store/sqlite.ts";
import { commonErrorLine } from "./error_line.ts";
import type { GlobalOptions } from "./global_options.ts";

// The light parts live in modules of their own, so that the agent (agent.ts) can import them
// without the cluster; they are re-exported here for every command.
export type { GlobalOptions } from "./global_options.ts";
export { type Output, processOutput } from "./output.ts";
export { UsageError } from "./usage_error.ts";
export { parseServerFlag } from "./server_flag.ts";

/** Opens the cluster a command works on, runs `work`, and closes it whatever happens. */
export async function withCluster<T>(
  options: GlobalOptions,
  work: (cluster: Cluster) => Promise<T>,
): Promise<T> {
  const cluster = await Cluster.open(await clusterOptions(options));
  try {
    return await work(cluster);
  } finally {
    await cluster.close();
  }
}

/**
 * Where Cluster.open goes: the server of --server (with its token and CA), else etcd with
 * --etcd, else the database.
 */
export async function clusterOptions(options: GlobalOptions): Promise<ClusterOptions> {
  if (!options.server) return options.etcd ? { etcd: options.etcd } : { db: options.db };
  const caCerts = options.certificateAuthority
    ? [await Deno.readTextFile(options.certificateAuthority)]
    : undefined;
  return { server: options.server, token: options.token, caCerts };
}

/** The URLs of `--etcd URL[,URL...]`: split at commas, blanks dropped. */
export function parseEtcdUrls(text: string): string[] {
  return text.split(",").map((url) => url.trim()).filter((url) => url !== "");
}

/**
 * The one line a failed command prints, as kubectl prints it: `Error from server (NotFound):
 * deployments.apps "web" not found` for API errors, `error: ...` for the rest (a database that
 * cannot be opened too). Undefined for a bug, which keeps its stack trace.
 */
export function errorLine(error: unknown): string | undefined {
  if (error instanceof StoreOpenError) return `error: ${error.message}`;
  return commonErrorLine(error);
}
