/**
 * The pod-template-hash of a Deployment's ReplicaSets, computed as Kubernetes' ComputeHash does it
 * in spirit: an FNV-1a (32 bit) hash of the pod template (here its canonical JSON: keys sorted,
 * empty values dropped), with the collision count mixed in as 8 little-endian bytes when the
 * Deployment has one, printed in decimal and re-encoded with SafeEncodeString's alphabet.
 *
 * @module
 */
import type { PodTemplateSpec } from "../api/types.ts";

/** The label that tells a Deployment's ReplicaSets (and their pods) apart. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

/** Kubernetes' SafeEncodeString alphabet: no vowels (no words), no 0/1/3 (no look-alikes). */
export const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** Maps every character onto the safe alphabet by its code, as `rand.SafeEncodeString` does. */
export function safeEncodeString(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % 27];
  return out;
}

/** FNV-1a, 32 bit, over bytes; `hash` continues an earlier hash. */
export function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h >>> 0;
}

/**
 * A value with empty maps, empty lists, null and undefined dropped and object keys sorted: two
 * templates that Kubernetes' semantic equality calls equal normalize to the same JSON.
 */
export function normalizeValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalizeValue);
    return items.length === 0 ? undefined : items.map((v) => v ?? null);
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = normalizeValue((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

/** Whether two values are equal as Kubernetes' semantic equality sees them (see normalizeValue). */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalizeValue(a) ?? null) === JSON.stringify(normalizeValue(b) ?? null);
}

/** The pod-template-hash of a template, e.g. `5d9c8b7f6`; the collision count changes it. */
export function podTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  const json = JSON.stringify(normalizeValue(template) ?? {});
  let hash = fnv32a(new TextEncoder().encode(json));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}

/** A copy of a template without the pod-template-hash label. */
function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(template);
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  return copy;
}

/** Whether two templates are equal apart from the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}
