/**
 * NodeInfoCache: what the scheduler knows of nodes and the pods bound to them, kept up to date
 * incrementally from watch events (kube-scheduler's cache), so that no decision sums pods.
 *
 * @module
 */
import type { Namespace, Node, Pod } from "../api/types.ts";
import {
  accountPod,
  accountRequests,
  groupSignature,
  type MutableNodeInfo,
  newNodeInfo,
  setNode,
} from "./_node_info.ts";
import { podInfoOf, podKey } from "./pod_info.ts";
import type { NodeInfo, PodInfo } from "./types.ts";

interface PodState {
  info: PodInfo;
  nodeName: string;
  /** Placed by assume() and not yet seen bound through a watch event. */
  assumed: boolean;
}

const NONE: readonly NodeInfo[] = Object.freeze([]);

function withNode(nodes: Set<MutableNodeInfo>): readonly NodeInfo[] {
  if (nodes.size === 0) return NONE;
  return [...nodes].filter((info) => info.node !== undefined);
}

function track(nodes: Set<MutableNodeInfo>, node: MutableNodeInfo, member: boolean): void {
  if (member) nodes.add(node);
  else nodes.delete(node);
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/**
 * Nodes and their pods for the scheduler. Feed it every Node event (addNode/updateNode/
 * removeNode) and every Pod event (addPod/updatePod/removePod); it keeps only bound pods (with
 * spec.nodeName) that have not finished (Succeeded/Failed pods free their node). After binding a
 * pod, call assume() so the next decision sees it before the watch does; the later addPod or
 * updatePod of the bound pod confirms it. Pods are keyed by `namespace/name`.
 *
 * @example
 * ```ts
 * import { NodeInfoCache } from "./node_info_cache.ts";
 * const cache = new NodeInfoCache();
 * cache.addNode({
 *   apiVersion: "v1",
 *   kind: "Node",
 *   metadata: { name: "node-1" },
 *   status: { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } },
 * });
 * cache.get("node-1")?.allocatableMilliCPU; // 4000
 * ```
 */
export class NodeInfoCache {
  #nodes = new Map<string, MutableNodeInfo>();
  #pods = new Map<string, PodState>();
  #namespaces = new Map<string, Record<string, string>>();
  #list: NodeInfo[] | undefined;
  #withAffinity = new Set<MutableNodeInfo>();
  #withRequiredAntiAffinity = new Set<MutableNodeInfo>();
  /** Pods not tracked by key whose latest change is at or below this revision are in groups. */
  #groupRevision = -1;
  /** Pods seen changing since the groups were counted: none of them is in a group any more. */
  #leftGroups = new Set<string>();

  /** Adds a node, or updates it when known. */
  addNode(node: Node): void {
    const name = node.metadata?.name ?? "";
    let info = this.#nodes.get(name);
    if (!info) this.#nodes.set(name, info = newNodeInfo(name));
    if (!info.node) this.#list = undefined;
    setNode(info, node);
  }

  /** Updates a node (labels, taints, conditions and allocatable are parsed again). */
  updateNode(node: Node): void {
    this.addNode(node);
  }

  /** Removes a node; its pods stay accounted until their own delete events arrive. */
  removeNode(node: Node | string): void {
    const name = typeof node === "string" ? node : node.metadata?.name ?? "";
    const info = this.#nodes.get(name);
    if (!info) return;
    if (info.podCount === 0) this.#nodes.delete(name);
    else setNode(info, undefined);
    this.#list = undefined;
  }

  /**
   * Takes in a pod from a watch event; unbound and finished pods are ignored (or dropped).
   * `previous`, the pod before the change, tells the group it leaves when it was counted in one.
   */
  addPod(pod: Pod, previous?: Pod): void {
    if (this.#inGroup(pod)) return;
    if (previous && this.#leavesGroup(pod)) this.#leaveGroup(previous);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isTerminal(pod)) {
      this.#remove(podKey(pod));
      return;
    }
    this.#place(podInfoOf(pod), nodeName, false);
  }

  /** Same as addPod: the pod's latest state replaces what the cache had. */
  updatePod(pod: Pod): void {
    this.addPod(pod);
  }

  /** Forgets a deleted pod (a stale delete, of an older pod with the same name, is ignored). */
  removePod(pod: Pod): void {
    if (this.#inGroup(pod)) return;
    if (this.#leavesGroup(pod)) {
      this.#leaveGroup(pod);
      return;
    }
    const key = podKey(pod);
    const uid = pod.metadata?.uid;
    const known = this.#pods.get(key)?.info.pod.metadata?.uid;
    if (uid && known && uid !== known) return;
    this.#remove(key);
  }

  /**
   * Counts a pod on a node before the watch reports it bound. Idempotent with the addPod of the
   * bound pod that follows; a pod the watch already reported bound is left as it is.
   */
  assume(pod: Pod, nodeName: string): void {
    const state = this.#pods.get(podKey(pod));
    if (state && !state.assumed) return;
    this.#place(podInfoOf(pod), nodeName, true);
  }

  /** Undoes assume() when binding failed; a pod confirmed bound meanwhile stays. */
  forget(pod: Pod): void {
    const key = podKey(pod);
    if (this.#pods.get(key)?.assumed) this.#remove(key);
  }

  /** Whether the pod is assumed and not yet confirmed by a watch event. */
  isAssumed(pod: Pod): boolean {
    return this.#pods.get(podKey(pod))?.assumed === true;
  }

  /**
   * Counts `count` pods known by their facts alone (Store.tally() at store revision `revision`),
   * each like `pod`: a pod with their node, phase, requests and affinity. They count towards
   * their node's requests and pods; a later change of one of them (addPod with the state before
   * it, or removePod) takes it out of its group. Pods with pod (anti-)affinity must not be
   * counted so: plugins look at those one by one.
   */
  addPodGroup(pod: Pod, count: number, revision: number): void {
    this.#groupRevision = Math.max(this.#groupRevision, revision);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isTerminal(pod) || count <= 0) return;
    let node = this.#nodes.get(nodeName);
    if (!node) this.#nodes.set(nodeName, node = newNodeInfo(nodeName));
    const signature = groupSignature(pod);
    const group = node.groups.get(signature) ?? { info: podInfoOf(pod), count: 0 };
    group.count += count;
    node.groups.set(signature, group);
    accountRequests(node, group.info, count);
  }

  /** True while some pods are counted by their facts alone (addPodGroup()). */
  get hasGroups(): boolean {
    for (const info of this.#nodes.values()) if (info.groups.size > 0) return true;
    return false;
  }

  /** Whether an event of a pod not tracked by key is one its group already counts. */
  #inGroup(pod: Pod): boolean {
    if (this.#groupRevision < 0 || this.#tracked(pod)) return false;
    return Number(pod.metadata?.resourceVersion) <= this.#groupRevision;
  }

  /** Whether this is the first change of a pod counted in a group (it leaves the group). */
  #leavesGroup(pod: Pod): boolean {
    if (this.#groupRevision < 0 || this.#tracked(pod)) return false;
    const key = podKey(pod);
    if (this.#leftGroups.has(key)) return false;
    this.#leftGroups.add(key);
    return true;
  }

  #tracked(pod: Pod): boolean {
    return this.#pods.has(podKey(pod)) || this.#leftGroups.has(podKey(pod));
  }

  /** Takes one pod with the facts of `pod` out of its node's group. */
  #leaveGroup(pod: Pod): void {
    const node = this.#nodes.get(pod.spec?.nodeName ?? "");
    const signature = groupSignature(pod);
    const group = node?.groups.get(signature);
    if (!node || !group) return;
    accountRequests(node, group.info, -1);
    if (--group.count === 0) node.groups.delete(signature);
    this.#dropIfEmpty(node.name);
  }

  /** Takes in a namespace's labels (for namespaceSelector in pod affinity terms). */
  addNamespace(namespace: Namespace): void {
    this.#namespaces.set(namespace.metadata?.name ?? "", namespace.metadata?.labels ?? {});
  }

  /** Same as addNamespace. */
  updateNamespace(namespace: Namespace): void {
    this.addNamespace(namespace);
  }

  /** Forgets a namespace. */
  removeNamespace(namespace: Namespace | string): void {
    this.#namespaces.delete(
      typeof namespace === "string" ? namespace : namespace.metadata?.name ?? "",
    );
  }

  /** The labels of a namespace, when known. */
  namespaceLabels(name: string): Readonly<Record<string, string>> | undefined {
    return this.#namespaces.get(name);
  }

  /** The record of a node (also of a removed node that still has pods). */
  get(nodeName: string): NodeInfo | undefined {
    return this.#nodes.get(nodeName);
  }

  /** The schedulable nodes (those with a Node object), sorted by name; do not mutate. */
  nodeInfos(): readonly NodeInfo[] {
    if (!this.#list) {
      this.#list = [...this.#nodes.values()].filter((info) => info.node !== undefined)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return this.#list;
  }

  /** Schedulable nodes running a pod with pod affinity or anti-affinity of any kind. */
  nodesWithAffinityPods(): readonly NodeInfo[] {
    return withNode(this.#withAffinity);
  }

  /** Schedulable nodes running a pod with required pod anti-affinity. */
  nodesWithRequiredAntiAffinityPods(): readonly NodeInfo[] {
    return withNode(this.#withRequiredAntiAffinity);
  }

  /** Pods the cache counts (bound and assumed). */
  get podCount(): number {
    return this.#pods.size;
  }

  #place(info: PodInfo, nodeName: string, assumed: boolean): void {
    const old = this.#pods.get(info.key);
    if (old) this.#account(this.#nodes.get(old.nodeName)!, old.info, -1);
    let node = this.#nodes.get(nodeName);
    if (!node) this.#nodes.set(nodeName, node = newNodeInfo(nodeName));
    this.#account(node, info, 1);
    this.#pods.set(info.key, { info, nodeName, assumed });
    if (old && old.nodeName !== nodeName) this.#dropIfEmpty(old.nodeName);
  }

  #remove(key: string): void {
    const old = this.#pods.get(key);
    if (!old) return;
    this.#pods.delete(key);
    this.#account(this.#nodes.get(old.nodeName)!, old.info, -1);
    this.#dropIfEmpty(old.nodeName);
  }

  #account(node: MutableNodeInfo, info: PodInfo, sign: 1 | -1): void {
    accountPod(node, info, sign);
    if (!info.affinity) return;
    track(this.#withAffinity, node, node.podsWithAffinity.size > 0);
    track(this.#withRequiredAntiAffinity, node, node.podsWithRequiredAntiAffinity.size > 0);
  }

  /** A record that has neither node nor pods left goes away. */
  #dropIfEmpty(nodeName: string): void {
    const info = this.#nodes.get(nodeName);
    if (info && !info.node && info.podCount === 0) this.#nodes.delete(nodeName);
  }
}
