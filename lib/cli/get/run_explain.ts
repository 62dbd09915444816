/**
 * `kclone explain-schedule POD`: the scheduler's filter and score tables for one pod.
 *
 * @module
 */
import type { Cluster } from "../../cluster/cluster.ts";
import type { Output } from "../context.ts";
import { explainScheduleLines } from "../printers/explain_table.ts";
import { kindByName, notFound } from "./get_targets.ts";

/** Options of runExplainSchedule(). */
export interface ExplainScheduleOptions {
  /** The pod's namespace. */
  namespace: string;
  /** Where to print. */
  output: Output;
}

/**
 * Prints why a pod is on its node, or why it is Pending: the last attempt made in this process,
 * else a fresh dry run on the cluster as it is now (cluster.explain()).
 */
export async function runExplainSchedule(
  cluster: Cluster,
  name: string,
  options: ExplainScheduleOptions,
): Promise<void> {
  const pod = await cluster.get("Pod", name, { namespace: options.namespace });
  if (!pod) throw notFound(kindByName("pods"), name);
  const explanation = await cluster.explain(name, { namespace: options.namespace });
  const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  const message = !pod.spec.nodeName && scheduled?.status === "False"
    ? scheduled.message
    : undefined;
  for (const line of explainScheduleLines(explanation, { message, color: options.output.color })) {
    options.output.out(line);
  }
}
