/**
 * NodeReady: kclone skips nodes whose Ready condition is not True. kube-scheduler gets the same
 * effect from the taints the node lifecycle controller puts on such nodes, so this filter acts
 * and speaks as if those taints were there: a NotReady node (Ready=False) carries
 * `node.kubernetes.io/not-ready:NoSchedule`, an unreachable one (Ready=Unknown)
 * `node.kubernetes.io/unreachable:NoSchedule`; a pod tolerating the taint may still go there.
 * A node without a Ready condition counts as Ready, so simulated nodes take pods.
 *
 * @module
 */
import type { Taint } from "../../api/types.ts";
import { tolerationsTolerateTaint } from "../_toleration.ts";
import { unschedulable } from "../status.ts";
import type { Plugin, PluginStatus } from "../types.ts";

const NOT_READY: Taint = { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" };
const UNREACHABLE: Taint = { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" };

/** The reason Kubernetes prints for a NotReady node: its untolerated not-ready taint. */
export const ERR_REASON_NOT_READY =
  "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
/** The reason Kubernetes prints for an unreachable node. */
export const ERR_REASON_UNREACHABLE =
  "node(s) had untolerated taint {node.kubernetes.io/unreachable: }";

const NOT_READY_FAILED: PluginStatus = unschedulable(
  "NodeReady",
  [ERR_REASON_NOT_READY],
  "UnschedulableAndUnresolvable",
);
const UNREACHABLE_FAILED: PluginStatus = unschedulable(
  "NodeReady",
  [ERR_REASON_UNREACHABLE],
  "UnschedulableAndUnresolvable",
);

/** The NodeReady filter. */
export const nodeReady: Plugin = {
  name: "NodeReady",
  filter(pod, node) {
    if (node.ready === "True") return undefined;
    const [taint, failed] = node.ready === "False"
      ? [NOT_READY, NOT_READY_FAILED]
      : [UNREACHABLE, UNREACHABLE_FAILED];
    return tolerationsTolerateTaint(pod.tolerations, taint) ? undefined : failed;
  },
};
