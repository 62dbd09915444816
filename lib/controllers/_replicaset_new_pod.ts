/**
 * New pods of a ReplicaSet, as GetPodFromTemplate builds them and the API server names them
 * (generateName `<rs>-` plus five random characters of the safe alphabet).
 *
 * @module
 */
import { applyDefaults } from "../api/defaults.ts";
import type { Pod, ReplicaSet } from "../api/types.ts";
import { SAFE_ALPHABET } from "./_pod_template_hash.ts";
import { newControllerRef } from "./_replicaset_pods.ts";

/** Longest generateName prefix the API server keeps: 63 minus the 5 random characters. */
const MAX_GENERATED_PREFIX = 58;

/** A random source on [0, 1), as Math.random. */
export type RandomSource = () => number;

/** `<prefix><5 random characters>`, the prefix cut to 58 characters as the API server cuts it. */
export function generateName(prefix: string, random: RandomSource): string {
  let suffix = "";
  for (let i = 0; i < 5; i++) {
    suffix += SAFE_ALPHABET[Math.floor(random() * SAFE_ALPHABET.length) % SAFE_ALPHABET.length];
  }
  return prefix.slice(0, MAX_GENERATED_PREFIX) + suffix;
}

/**
 * A new pod of `rs` named `name`: the template's labels, annotations, finalizers and spec, the
 * ReplicaSet's namespace, a controller reference to it, and the defaults the API server adds
 * (phase Pending, QoS class, ...).
 */
export function podFromTemplate(rs: ReplicaSet, name: string): Pod {
  const template = rs.spec.template;
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: { ...meta.labels },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers?.length ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [newControllerRef(rs)],
    },
    spec: template?.spec ?? { containers: [] },
    status: { phase: "Pending" },
  };
  return applyDefaults(pod); // a deep copy: the template is shared with the cache
}
