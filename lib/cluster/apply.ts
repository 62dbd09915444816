import { ApiError, BadRequestError } from "../api/errors.ts";
import { checkServed, kindInfo } from "../api/kinds.ts";
import { lineOf, type ManifestDocument, parseManifests } from "../api/manifest.ts";
import type { AnyObject, Kind } from "../api/types.ts";
import { admitObject, decodeObject } from "../api/validation/mod.ts";
import type { ServiceNetworkOptions } from "../network/mod.ts";
import type { BatchOperation, Store } from "../store/store.ts";
import { type ApplyAction, planApply } from "./apply_plan.ts";
import { checkNamespace } from "./namespaces.ts";
import { retryOnRace, withServiceAllocations } from "./service_writes.ts";

/** What `apply` accepts: manifest text (YAML or JSON), one object, or a list of objects. */
export type ApplyInput =
  | string
  | Record<string, unknown>
  | AnyObject
  | readonly (Record<string, unknown> | AnyObject)[];

/** Options of apply. */
export interface ApplyOptions {
  /** Name of the file the text came from, used in error messages. */
  source?: string;
  /** Service CIDR and node port range for the Services applied (the Cluster passes its own). */
  network?: ServiceNetworkOptions;
}

/** What apply did to one object. */
export interface ApplyResult {
  /** created, configured or unchanged. */
  action: ApplyAction;
  /** The object as stored. */
  object: AnyObject;
  /** Fields kclone keeps but does not act on yet, and similar notes. */
  warnings: string[];
}

interface Admitted {
  document: ManifestDocument;
  manifest: AnyObject;
  object: AnyObject;
  warnings: string[];
}

/** The documents of an apply input, whatever its form. */
export function manifestDocuments(
  input: ApplyInput,
  options: ApplyOptions = {},
): ManifestDocument[] {
  if (typeof input === "string") return parseManifests(input, { source: options.source });
  const objects = (Array.isArray(input) ? input : [input]) as Record<string, unknown>[];
  return objects.flatMap((object) =>
    typeof object === "object" && object !== null && Array.isArray(object.items) &&
      String(object.kind ?? "").endsWith("List")
      ? object.items as Record<string, unknown>[]
      : [object]
  ).map((object, index) => ({ object, index, line: 0, source: options.source }));
}

/** Adds where a document (and, for field errors, which line) to an API error's message. */
export function locate(error: unknown, document: ManifestDocument, total: number): unknown {
  if (!(error instanceof ApiError)) return error;
  const field = error.details.causes?.[0]?.field ??
    /unknown field "([^"]+)"/.exec(error.message)?.[1];
  const line = (field && lineOf(document, field)) || document.line;
  const where = [
    document.source,
    total > 1 || document.source ? `document ${document.index + 1}` : undefined,
    line ? `line ${line}` : undefined,
  ].filter(Boolean).join(", ");
  if (where) error.message = `${where}: ${error.message}`;
  return error;
}

/**
 * Applies manifests like `kubectl apply`: everything is validated before anything is written,
 * then every write goes into one batch, so one bad document means nothing is written.
 */
export async function applyManifests(
  store: Store,
  input: ApplyInput,
  options: ApplyOptions = {},
): Promise<ApplyResult[]> {
  const documents = manifestDocuments(input, options);
  if (documents.length === 0) throw new BadRequestError("no objects passed to apply");
  const admitted: Admitted[] = documents.map((document) => {
    try {
      checkServed(document.object);
      const { object, warnings } = admitObject(document.object);
      // What the user wrote, in canonical form (quantities as text) but without server defaults.
      const manifest = decodeObject(document.object).object;
      return { document, manifest, object, warnings };
    } catch (error) {
      throw locate(error, document, documents.length);
    }
  });
  const plannedNamespaces = new Set(
    admitted.filter((a) => a.object.kind === "Namespace").map((a) => a.object.metadata.name!),
  );
  for (const a of admitted) {
    try {
      await checkNamespace(store, a.object, plannedNamespaces);
    } catch (error) {
      throw locate(error, a.document, documents.length);
    }
  }
  // Another writer got in between our reads and our batch: read again, as kubectl retries.
  return await retryOnRace(() => writePlan(store, admitted, documents.length, options.network));
}

async function writePlan(
  store: Store,
  admitted: Admitted[],
  total: number,
  network: ServiceNetworkOptions = {},
): Promise<ApplyResult[]> {
  const planned = new Map<string, AnyObject>();
  const results: ApplyResult[] = [];
  const operations: BatchOperation[] = [];
  for (const a of admitted) {
    const { kind, metadata } = a.object;
    const namespace = kindInfo(kind)?.namespaced ? metadata.namespace : undefined;
    const key = `${kind}/${namespace ?? ""}/${metadata.name}`;
    const current = planned.get(key) ?? await store.get(kind as Kind, namespace, metadata.name!);
    const step = planApply(a.manifest, a.object, current);
    let object = step.object;
    if (step.action === "configured") {
      try {
        object = admitObject(step.object).object;
        object.metadata.resourceVersion = current!.metadata.resourceVersion;
      } catch (error) {
        throw locate(error, a.document, total);
      }
    }
    if (step.action !== "unchanged") {
      operations.push({ op: current ? "update" : "create", object });
    }
    planned.set(key, object);
    results.push({ action: step.action, object, warnings: a.warnings });
  }
  const written = operations.length > 0
    ? await store.batch(await withServiceAllocations(store, operations, network))
    : [];
  let next = 0;
  return results.map((r) =>
    r.action === "unchanged" ? r : { ...r, object: written[next++] ?? r.object }
  );
}
