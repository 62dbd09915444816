/**
 * TaintToleration: NoSchedule and NoExecute taints filter (the first untolerated one, in the
 * node's order, is reported); PreferNoSchedule taints only score: each one the pod does not
 * tolerate counts, and the counts are normalised and reversed, so fewer is better.
 *
 * @module
 */
import type { Taint, Toleration } from "../../api/types.ts";
import { tolerationsTolerateTaint } from "../_toleration.ts";
import { defaultNormalizeScore } from "../normalize_score.ts";
import { unschedulable } from "../status.ts";
import type { Plugin, PluginStatus, PodInfo } from "../types.ts";

/** kube-scheduler's reason for an untolerated taint, e.g. `{dedicated: gpu}`. */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
}

const statuses = new WeakMap<Taint, PluginStatus>();

function failed(taint: Taint): PluginStatus {
  let status = statuses.get(taint);
  if (!status) {
    status = unschedulable(
      "TaintToleration",
      [untoleratedTaintReason(taint)],
      "UnschedulableAndUnresolvable",
    );
    statuses.set(taint, status);
  }
  return status;
}

/** The TaintToleration filter and score. */
export const taintToleration: Plugin<PodInfo, readonly Toleration[]> = {
  name: "TaintToleration",
  filter(pod, node) {
    const taints = node.taints;
    for (let i = 0; i < taints.length; i++) {
      const taint = taints[i];
      if (taint.effect === "PreferNoSchedule") continue;
      if (!tolerationsTolerateTaint(pod.tolerations, taint)) return failed(taint);
    }
    return undefined;
  },
  // Tolerations without an effect tolerate every effect, PreferNoSchedule included.
  preScore: (pod) => pod.tolerations.filter((t) => !t.effect || t.effect === "PreferNoSchedule"),
  score(tolerations, node) {
    let count = 0;
    for (const taint of node.taints) {
      if (taint.effect === "PreferNoSchedule" && !tolerationsTolerateTaint(tolerations, taint)) {
        count++;
      }
    }
    return count;
  },
  normalize: (_, scores) => defaultNormalizeScore(scores, true),
};
