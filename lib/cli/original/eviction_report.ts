import type { Pod } from "../../api/types.ts";

const byName = (a: Pod, b: Pod) => (a.metadata.name! < b.metadata.name! ? -1 : 1);

function controllerOf(pod: Pod): string | undefined {
  return pod.metadata.ownerReferences?.find((o) => o.controller)?.uid;
}

function whereIs(pod: Pod): string {
  return pod.spec.nodeName ? `on ${pod.spec.nodeName}` : "(Pending)";
}

/**
 * What became of the pods of a removed node: each evicted pod with the pod its controller made in
 * its place (`pod/web-1 evicted, replaced by pod/web-4 on node-b`), or why none came.
 *
 * `evicted` are the pods that were on the node; `before` and `after` every pod before the
 * removal and once the cluster settled.
 */
export function evictionReport(
  evicted: readonly Pod[],
  before: readonly Pod[],
  after: readonly Pod[],
): string[] {
  const known = new Set(before.map((p) => p.metadata.uid));
  const fresh = new Map<string, Pod[]>();
  for (const pod of [...after].sort(byName)) {
    const owner = controllerOf(pod);
    if (!owner || known.has(pod.metadata.uid)) continue;
    fresh.set(owner, [...fresh.get(owner) ?? [], pod]);
  }
  const stillThere = new Set(after.map((p) => p.metadata.uid));
  return [...evicted].sort(byName).map((pod) => {
    const name = `pod/${pod.metadata.name}`;
    if (stillThere.has(pod.metadata.uid)) return `${name} not evicted yet`;
    const owner = controllerOf(pod);
    if (!owner) return `${name} evicted, not replaced (no controller)`;
    const replacement = fresh.get(owner)?.shift();
    if (!replacement) return `${name} evicted`;
    return `${name} evicted, replaced by pod/${replacement.metadata.name} ${whereIs(replacement)}`;
  });
}
