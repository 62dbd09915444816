/**
 * What every original command shares: the cluster opened on the database, where to print, the
 * namespace, and settling with a warning when the cluster did not converge. Private to this
 * folder.
 *
 * @module
 */
import type { Cluster } from "../../cluster/cluster.ts";
import { type GlobalOptions, type Output, processOutput, withCluster } from "../context.ts";

/** What a command's work gets. */
export interface CommandScope {
  /** The cluster on the database of --db. */
  cluster: Cluster;
  /** Where to print. */
  out: Output;
  /** The namespace of -n (default `default`). */
  namespace: string;
}

/** Opens the cluster of `globals`, runs `work`, closes the cluster whatever happens. */
export function inCluster(
  globals: GlobalOptions,
  work: (scope: CommandScope) => Promise<void>,
): Promise<void> {
  const out = processOutput({ color: globals.color });
  const namespace = globals.namespace ?? "default";
  return withCluster(globals, (cluster) => work({ cluster, out, namespace }));
}

/** Runs the control plane to quiescence; a cluster that did not settle is reported on stderr. */
export async function settle({ cluster, out }: CommandScope): Promise<void> {
  const result = await cluster.settle();
  if (!result.converged) {
    const why = result.errors.length ? `: ${result.errors[0]}` : "";
    out.err(`warning: the cluster did not settle${why}`);
  }
}

/** Retries `write` when it lost a race with a controller (Conflict), as kubectl's edits do. */
export async function retryConflicts<T>(write: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await write();
    } catch (error) {
      const reason = (error as { reason?: string }).reason;
      if (reason !== "Conflict" || attempt >= attempts) throw error;
    }
  }
}
