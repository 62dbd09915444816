import type { Pod, Taint, Toleration } from "../api/types.ts";

/** The taint of a node whose kubelet stopped posting (Ready Unknown). */
export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
/** The taint of a node that reports itself not ready (Ready False). */
export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";

/** How long pods without their own toleration stay on a failed node. */
export interface DefaultTolerationSeconds {
  /** For `node.kubernetes.io/not-ready:NoExecute` (Kubernetes: 300). */
  notReady: number;
  /** For `node.kubernetes.io/unreachable:NoExecute` (Kubernetes: 300). */
  unreachable: number;
}

/** Whether a toleration tolerates a taint, as Kubernetes' Toleration.ToleratesTaint decides. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const mine = toleration.value ?? "", theirs = taint.value ?? "";
  switch (toleration.operator ?? "Equal") {
    case "Exists":
      return true;
    case "Equal":
      return mine === theirs;
    default: {
      if (!/^-?\d+$/.test(mine) || !/^-?\d+$/.test(theirs)) return false;
      return toleration.operator === "Gt"
        ? Number(theirs) > Number(mine)
        : Number(theirs) < Number(mine);
    }
  }
}

/**
 * The pod's tolerations plus the ones the DefaultTolerationSeconds admission plugin adds: for
 * not-ready and unreachable NoExecute taints, unless one of the pod's own already covers them.
 */
export function withDefaultTolerations(
  tolerations: Toleration[] | undefined,
  seconds: DefaultTolerationSeconds,
): Toleration[] {
  const own = tolerations ?? [];
  const covers = (key: string) =>
    own.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === "NoExecute"));
  const added: Toleration[] = [];
  for (
    const [key, tolerationSeconds] of [[TAINT_NOT_READY, seconds.notReady], [
      TAINT_UNREACHABLE,
      seconds.unreachable,
    ]] as const
  ) {
    if (!covers(key)) {
      added.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds });
    }
  }
  return [...own, ...added];
}

/** What evictionTime() needs besides the pod and the taints. */
export interface EvictionClock {
  /** Clock time (ms): the start for a taint without timeAdded. */
  now: number;
  /** Tolerations assumed for pods without their own. */
  defaults: DefaultTolerationSeconds;
}

/**
 * When a pod must leave a node with these taints, as Kubernetes' taint eviction decides: at once
 * for a NoExecute taint it does not tolerate; otherwise `tolerationSeconds` after the taint was
 * added (the first matching toleration per taint, the earliest deadline over the taints);
 * undefined when it may stay for good.
 */
export function evictionTime(pod: Pod, taints: Taint[], clock: EvictionClock): number | undefined {
  const tolerations = withDefaultTolerations(pod.spec.tolerations, clock.defaults);
  let at: number | undefined;
  for (const taint of taints) {
    if (taint.effect !== "NoExecute") continue;
    const added = Date.parse(taint.timeAdded ?? "");
    const start = Number.isNaN(added) ? clock.now : added;
    const toleration = tolerations.find((t) => toleratesTaint(t, taint));
    if (toleration && toleration.tolerationSeconds === undefined) continue;
    const deadline = toleration ? start + Math.max(0, toleration.tolerationSeconds!) * 1000 : 0;
    at = at === undefined ? deadline : Math.min(at, deadline);
  }
  return at;
}
