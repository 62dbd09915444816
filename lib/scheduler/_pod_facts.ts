/**
 * The facts the scheduler counts of the pods it does not place (POD_FACTS), read with
 * Store.tally() instead of whole pods when a control plane resumes from a checkpoint: a pod
 * made of them, and the facts of a pod. Private to lib/scheduler.
 *
 * @module
 */
import type { Container, Pod } from "../api/types.ts";

/** The facts of a pod, in the order of POD_FACTS (lib/store/pod_facts.ts). */
export function podFacts(pod: Pod): unknown[] {
  const { nodeName, containers = [], initContainers, affinity } = pod.spec ?? {};
  return [
    nodeName,
    pod.status?.phase,
    containers[0]?.resources?.requests,
    containers[1]?.name,
    containers[1]?.resources?.requests,
    containers[2]?.name,
    initContainers,
    affinity?.podAffinity,
    affinity?.podAntiAffinity,
  ];
}

/** A pod with `facts` (in the order of POD_FACTS): what NodeInfo accounting reads of it. */
export function podOfFacts(facts: readonly unknown[]): Pod {
  const [nodeName, phase, first, secondName, second, , initContainers, near, away] = facts as [
    string | undefined,
    NonNullable<Pod["status"]>["phase"],
    Record<string, string> | undefined,
    string | undefined,
    Record<string, string> | undefined,
    unknown,
    Container[] | undefined,
    NonNullable<Pod["spec"]["affinity"]>["podAffinity"],
    NonNullable<Pod["spec"]["affinity"]>["podAntiAffinity"],
  ];
  const container = (name: string, requests: Record<string, string> | undefined): Container =>
    requests ? { name, resources: { requests } } : { name };
  const containers = [container("", first)];
  if (secondName !== undefined) containers.push(container(secondName, second));
  const spec: Pod["spec"] = { containers };
  if (nodeName !== undefined) spec.nodeName = nodeName;
  if (initContainers !== undefined) spec.initContainers = initContainers;
  if (near || away) {
    spec.affinity = {
      ...(near ? { podAffinity: near } : {}),
      ...(away ? { podAntiAffinity: away } : {}),
    };
  }
  return { apiVersion: "v1", kind: "Pod", metadata: {}, spec, status: { phase } };
}

/**
 * Whether pods with these facts can be counted by them alone: not with a third container
 * (whose requests the facts do not hold), nor with pod (anti-)affinity (plugins compare such
 * pods one by one).
 */
export function countable(facts: readonly unknown[]): boolean {
  const [, , , , , thirdName, , near, away] = facts;
  return thirdName === undefined && near === undefined && away === undefined;
}
