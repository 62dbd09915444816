/**
 * The objects of manifest files, checked before anything is written: parsed, placed in the
 * namespace of `-n`, decoded, defaulted and validated, every error naming file, document and
 * line. So one bad document in a directory means nothing is written.
 *
 * @module
 */
import { BadRequestError } from "../../api/errors.ts";
import { checkServed, kindInfo } from "../../api/kinds.ts";
import { type ManifestDocument, parseManifests } from "../../api/manifest.ts";
import type { AnyObject } from "../../api/types.ts";
import { admitObject } from "../../api/validation/admit.ts";
import { locate } from "../../cluster/apply.ts";
import { UsageError } from "../context.ts";
import type { ManifestSource } from "./read_manifests.ts";

/** One checked object. */
export interface LoadedManifest {
  /** Where it came from; `document.object` is what the user wrote (with `-n` applied). */
  document: ManifestDocument;
  /** The object after defaulting and validation. */
  object: AnyObject;
}

/** Options of loadManifests. */
export interface LoadManifestsOptions {
  /** `-n`: the namespace of namespaced objects that name none; others must name this one. */
  namespace?: string;
  /** Called after each document is checked, for a progress bar. */
  onDocument?: (done: number, total: number) => void;
}

function placeInNamespace(object: Record<string, unknown>, namespace: string | undefined): void {
  if (!namespace || !kindInfo(String(object.kind))?.namespaced) return;
  const metadata = (object.metadata ??= {}) as Record<string, unknown>;
  if (metadata.namespace === undefined || metadata.namespace === "") {
    metadata.namespace = namespace;
  } else if (metadata.namespace !== namespace) {
    const own = String(metadata.namespace);
    throw new UsageError(
      `the namespace from the provided object "${own}" does not match the namespace "${namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
}

/** Parses one file; its syntax errors are the client's, as kubectl reports them (`error: ...`). */
function parse(text: string, source: string): ManifestDocument[] {
  try {
    return parseManifests(text, { source });
  } catch (error) {
    if (error instanceof BadRequestError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Parses and admits every document of `sources`; throws the first error, located.
 *
 * @example
 * ```ts
 * import { loadManifests } from "./load_manifests.ts";
 * const text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n";
 * loadManifests([{ source: "ns.yaml", text }])[0].object.metadata.name; // "dev"
 * ```
 */
export function loadManifests(
  sources: readonly ManifestSource[],
  options: LoadManifestsOptions = {},
): LoadedManifest[] {
  const files = sources.map(({ source, text }) => parse(text, source));
  const total = files.reduce((sum, documents) => sum + documents.length, 0);
  const loaded: LoadedManifest[] = [];
  for (const documents of files) {
    for (const document of documents) {
      try {
        placeInNamespace(document.object, options.namespace);
        checkServed(document.object);
        loaded.push({ document, object: admitObject(document.object).object });
      } catch (error) {
        throw locate(error, document, documents.length);
      }
      options.onDocument?.(loaded.length, total);
    }
  }
  return loaded;
}
