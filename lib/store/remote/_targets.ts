import { kindInfo } from "../../api/kinds.ts";
import type { AnyObject } from "../../api/types.ts";

/** The namespace a request names: none for cluster-scoped kinds. */
export function scoped(kind: string, namespace: string | undefined): string | undefined {
  return kindInfo(kind)?.namespaced ? namespace : undefined;
}

/** The namespace an object is written to: `default` when a namespaced object has none. */
export function namespaceOf(object: AnyObject): string | undefined {
  return kindInfo(object.kind)?.namespaced ? object.metadata.namespace ?? "default" : undefined;
}

/** The object's name. */
export function nameOf(object: AnyObject): string {
  return object.metadata.name ?? "";
}

/** The object with kind and apiVersion filled in (list items may come without them). */
export function typed<T extends AnyObject>(kind: string, object: T): T {
  if (object.kind && object.apiVersion) return object;
  return { ...object, kind, apiVersion: kindInfo(kind)?.apiVersion ?? "v1" };
}
