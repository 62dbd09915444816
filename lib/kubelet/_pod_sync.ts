import { ApiError } from "../api/errors.ts";
import type { Node, Pod } from "../api/types.ts";
import type { Store } from "../store/store.ts";
import { internalIPOf } from "./_node_status.ts";
import { nextPodIP } from "./_pod_ips.ts";
import { readyAgainStatus, runningPodStatus } from "./_pod_status.ts";

/** True when the simulated kubelet has something to do for this pod. */
export function podNeedsKubelet(pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp) return true;
  const phase = pod.status?.phase ?? "Pending";
  if (phase === "Pending") return true;
  return phase === "Running" && readyAgainStatus(pod, 0) !== undefined;
}

function holdsIP(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.status?.podIP && !pod.spec.hostNetwork && phase !== "Succeeded" &&
    phase !== "Failed";
}

function byAge(a: Pod, b: Pod): number {
  const ta = a.metadata.creationTimestamp ?? "", tb = b.metadata.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = `${a.metadata.namespace}/${a.metadata.name}`;
  const nb = `${b.metadata.namespace}/${b.metadata.name}`;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

async function removePod(store: Store, pod: Pod): Promise<void> {
  try {
    await store.delete("Pod", pod.metadata.namespace, pod.metadata.name!, {
      resourceVersion: pod.metadata.resourceVersion,
    });
  } catch (error) {
    if (!(error instanceof ApiError && error.reason === "NotFound")) throw error;
  }
}

/** A node's pods at one moment. */
export interface NodePods {
  /** The node, with its pod CIDR and InternalIP. */
  node: Node;
  /** The pods bound to it. */
  pods: Pod[];
  /** Clock time (ms). */
  now: number;
}

/**
 * Runs the node's pods, oldest first: a pod marked for deletion is removed (the simulated
 * containers stop at once); a Pending pod starts with the lowest free IP of the node's pod CIDR
 * (it waits while the node has no pod CIDR or no InternalIP yet); a Running pod that was marked
 * not ready while the node was unreachable is ready again.
 */
export async function syncNodePods(store: Store, work: NodePods): Promise<void> {
  const { node, pods, now } = work;
  const podCIDR = node.spec?.podCIDR, hostIP = internalIPOf(node);
  const used = new Set(pods.filter(holdsIP).map((p) => p.status!.podIP!));
  for (const pod of [...pods].sort(byAge)) {
    if (pod.metadata.deletionTimestamp) {
      await removePod(store, pod);
      continue;
    }
    const phase = pod.status?.phase ?? "Pending";
    if (phase === "Running") {
      const status = readyAgainStatus(pod, now);
      if (status) await store.update({ ...pod, status });
      continue;
    }
    if (phase !== "Pending" || !podCIDR || !hostIP) continue;
    const podIP = pod.spec.hostNetwork ? hostIP : pod.status?.podIP ?? nextPodIP(podCIDR, used);
    if (!podIP) continue; // the range is full: wait for a pod to go
    used.add(podIP);
    await store.update({ ...pod, status: runningPodStatus(pod, { podIP, hostIP, now }) });
  }
}
