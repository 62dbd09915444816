/**
 * NodeName: a pod that names its node (spec.nodeName) fits only that node. Pods created with a
 * nodeName are bound already and never reach the scheduler; the plugin is here because
 * kube-scheduler has it, and it skips every pod without a nodeName.
 *
 * @module
 */
import { SKIP, unschedulable } from "../status.ts";
import type { Plugin, PluginStatus } from "../types.ts";

/** kube-scheduler's reason for a node other than the requested one. */
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

const FAILED: PluginStatus = unschedulable(
  "NodeName",
  [ERR_REASON_NODE_NAME],
  "UnschedulableAndUnresolvable",
);

/** The NodeName filter. */
export const nodeName: Plugin<string> = {
  name: "NodeName",
  preFilter: (pod) => pod.pod.spec?.nodeName || SKIP,
  filter: (wanted, node) => (node.name === wanted ? undefined : FAILED),
};
