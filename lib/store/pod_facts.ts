/**
 * The facts a scheduler counts of the pods it does not place: the node, the phase, the requests
 * of the first two containers, whether there are more, the init containers and pod (anti-)
 * affinity. Store.tally() of exactly these paths is what the SQLite store serves from its index
 * of pod facts, without reading whole pods.
 *
 * @module
 */

/** The dotted paths of the pod facts, in the order of the SQLite store's index. */
export const POD_FACTS: readonly string[] = [
  "spec.nodeName",
  "status.phase",
  "spec.containers.0.resources.requests",
  "spec.containers.1.name",
  "spec.containers.1.resources.requests",
  "spec.containers.2.name",
  "spec.initContainers",
  "spec.affinity.podAffinity",
  "spec.affinity.podAntiAffinity",
];
