import type { Pod } from "../api/types.ts";
import type { PodIPs } from "./pod_ips.ts";
import { findLeftoverContainers, type PidFile, reapLeftoverContainers } from "./runtime/mod.ts";

/** Whether a pod has ended for good (its containers are not run again). */
export function isTerminalPod(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

/**
 * The containers an agent killed outright left on its root, by pod, for the next agent on that
 * root to take back: as a restarted kubelet finds its containers, it adopts those of pods still
 * bound to it and reaps the others.
 */
export class LeftoverPods {
  readonly #root: string;
  #byPod: Map<string, PidFile[]> | undefined = new Map();

  private constructor(root: string) {
    this.#root = root;
  }

  /** Reads the pid files under `root` (running processes and ended ones alike). */
  static async find(root: string): Promise<LeftoverPods> {
    const leftovers = new LeftoverPods(root);
    for (const { record } of await findLeftoverContainers(root)) {
      const uid = record.podUid;
      leftovers.#byPod!.set(uid, [...leftovers.#byPod!.get(uid) ?? [], record]);
    }
    return leftovers;
  }

  /**
   * Before the pods are run: the processes of pods no longer here to run are reaped, and every
   * pod still to run keeps the address it had, so that adopted processes go on listening where
   * their Endpoints point.
   */
  async keepOnly(pods: Pod[], ips: PodIPs): Promise<void> {
    if (!this.#byPod) return;
    const running = new Set(pods.filter((p) => !isTerminalPod(p)).map((p) => p.metadata.uid!));
    await reapLeftoverContainers(this.#root, (uid) => running.has(uid));
    for (const uid of this.#byPod.keys()) if (!running.has(uid)) this.#byPod.delete(uid);
    for (const pod of pods) {
      if (running.has(pod.metadata.uid!)) ips.claim(pod.metadata.uid!, pod.status?.podIP);
    }
  }

  /** The leftover containers of pod `uid`, handed over once (to the pod's worker). */
  take(uid: string): PidFile[] | undefined {
    const records = this.#byPod?.get(uid);
    this.#byPod?.delete(uid);
    return records;
  }

  /**
   * Once the first pods run: the leftovers no worker took (their pods were deleted meanwhile)
   * are reaped and their addresses given back; nothing is handed over after this.
   */
  async reapUnclaimed(hasWorker: (uid: string) => boolean, ips: PodIPs | undefined): Promise<void> {
    const unclaimed = [...this.#byPod?.keys() ?? []];
    this.#byPod = undefined;
    if (unclaimed.length === 0) return;
    await reapLeftoverContainers(this.#root, hasWorker);
    for (const uid of unclaimed) ips?.release(uid);
  }
}
