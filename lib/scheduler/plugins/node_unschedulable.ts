/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint.
 *
 * @module
 */
import type { Taint } from "../../api/types.ts";
import { tolerationsTolerateTaint } from "../_toleration.ts";
import { unschedulable } from "../status.ts";
import type { Plugin, PluginStatus } from "../types.ts";

/** kube-scheduler's reason for a cordoned node. */
export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

const UNSCHEDULABLE_TAINT: Taint = {
  key: "node.kubernetes.io/unschedulable",
  effect: "NoSchedule",
};
const FAILED: PluginStatus = unschedulable(
  "NodeUnschedulable",
  [ERR_REASON_UNSCHEDULABLE],
  "UnschedulableAndUnresolvable",
);

/** The NodeUnschedulable filter. */
export const nodeUnschedulable: Plugin = {
  name: "NodeUnschedulable",
  filter(pod, node) {
    if (!node.unschedulable) return undefined;
    return tolerationsTolerateTaint(pod.tolerations, UNSCHEDULABLE_TAINT) ? undefined : FAILED;
  },
};
