/**
 * Counts per topology domain (topology key → label value → count), as the InterPodAffinity
 * plugin keeps them for one attempt.
 *
 * @module
 */

/** topologyKey → node label value → count. */
export type TopologyCounts = Map<string, Map<string, number>>;

/** Adds `delta` to the domain of `node` under `key`; nodes without the label have no domain. */
export function addToDomain(
  counts: TopologyCounts,
  key: string,
  labels: Readonly<Record<string, string>>,
  delta: number,
): boolean {
  if (!Object.hasOwn(labels, key)) return false;
  let values = counts.get(key);
  if (!values) counts.set(key, values = new Map());
  const value = labels[key];
  values.set(value, (values.get(value) ?? 0) + delta);
  return true;
}

/** The count of the node's domain under `key` (0 when the node lacks the label). */
export function domainCount(
  counts: TopologyCounts,
  key: string,
  labels: Readonly<Record<string, string>>,
): number {
  if (!Object.hasOwn(labels, key)) return 0;
  return counts.get(key)?.get(labels[key]) ?? 0;
}
