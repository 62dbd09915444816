import { ApiError, NotFoundError } from "../api/errors.ts";
import { kindInfo, KINDS } from "../api/kinds.ts";
import type { AnyObject, Kind, Namespace } from "../api/types.ts";
import type { BatchOperation, Store } from "../store/store.ts";

/** The namespaces every Kubernetes cluster starts with. */
export const SYSTEM_NAMESPACES: readonly string[] = [
  "default",
  "kube-system",
  "kube-public",
  "kube-node-lease",
];

/** A Namespace object, as Kubernetes defaults it. */
export function namespaceObject(name: string): Namespace {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { "kubernetes.io/metadata.name": name } },
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  };
}

/** Creates the system namespaces that are missing (a fresh store, or one from an old snapshot). */
export async function ensureSystemNamespaces(store: Store): Promise<void> {
  const existing = new Set((await store.list("Namespace")).items.map((n) => n.metadata.name));
  const missing = SYSTEM_NAMESPACES.filter((name) => !existing.has(name));
  if (missing.length === 0) return;
  try {
    await store.batch(missing.map((name) => ({ op: "create", object: namespaceObject(name) })));
  } catch (error) {
    // Another process created them first: that is the state we wanted.
    if (!(error instanceof ApiError && error.reason === "AlreadyExists")) throw error;
  }
}

/** NotFound unless the object's namespace exists or is in `planned` (created by the same apply). */
export async function checkNamespace(
  store: Store,
  object: AnyObject,
  planned: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (!kindInfo(object.kind)?.namespaced) return;
  const namespace = object.metadata.namespace ?? "default";
  if (planned.has(namespace)) return;
  if (!await store.get("Namespace", undefined, namespace)) {
    throw new NotFoundError("namespaces", namespace);
  }
}

/** Refuses to delete the namespaces Kubernetes protects. */
export function checkNamespaceDeletable(name: string): void {
  if (["default", "kube-system", "kube-public"].includes(name)) {
    throw new ApiError(
      "Forbidden",
      403,
      `namespaces "${name}" is forbidden: this namespace may not be deleted`,
      { kind: "namespaces", name },
    );
  }
}

/** The deletions that remove a namespace and everything in it, in one batch. */
export async function namespaceDeletion(store: Store, name: string): Promise<BatchOperation[]> {
  const operations: BatchOperation[] = [];
  for (const info of KINDS.filter((k) => k.namespaced)) {
    const { items } = await store.list(info.kind, { namespace: name });
    for (const item of items) {
      operations.push({
        op: "delete",
        kind: info.kind as Kind,
        namespace: name,
        name: item.metadata.name!,
      });
    }
  }
  operations.push({ op: "delete", kind: "Namespace", name });
  return operations;
}
