/**
 * Manifests as `kubectl apply -f` reads them: YAML or JSON text holding one or many documents,
 * Lists flattened into their items, empty documents skipped. Every object remembers the document
 * and line it came from, so errors can point at the source.
 *
 * @module
 */

import {
  type Document,
  isAlias,
  isMap,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Tags,
} from "yaml";
import { BadRequestError } from "./errors.ts";
import { fieldLine } from "./_manifest_positions.ts";

/** Where the fields of a manifest object sit in the source text. */
export interface ManifestPositions {
  /** The 1-based line of a field path such as `spec.containers[0].image`, if present. */
  lineOf(path: string): number | undefined;
}

/** One object read from a manifest. */
export interface ManifestDocument {
  /** The object, with apiVersion and kind. */
  object: Record<string, unknown>;
  /** 0-based index of the YAML document in the text (items of a List share it). */
  index: number;
  /** 1-based line where the object starts. */
  line: number;
  /** File name the text came from, if known. */
  source?: string;
  /** Field positions; non-enumerable, so comparing documents ignores it. */
  positions?: ManifestPositions;
}

/** Options of parseManifests. */
export interface ParseManifestOptions {
  /** File name used in messages (`deploy.yaml`, or `STDIN` for `-f -`); default `manifest`. */
  source?: string;
}

// YAML 1.1, as Kubernetes' YAML reader speaks it (`0644` is octal, `yes` is true), except that
// times stay strings: Kubernetes never reads `1:30` or a bare date as anything but text.
function withoutTimes(tags: Tags): Tags {
  return tags.filter((tag) =>
    typeof tag === "string" ||
    ((tag as { format?: string }).format !== "TIME" && tag.tag !== "tag:yaml.org,2002:timestamp")
  );
}

/**
 * Parses manifest text into objects. Throws BadRequestError naming the source, document and line
 * on a syntax error (`error parsing deploy.yaml: document 2, line 14: ...`), on a document that is
 * not a mapping, and on an object without apiVersion or kind.
 *
 * @example
 * ```ts
 * import { parseManifests } from "./manifest.ts";
 * const docs = parseManifests("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n");
 * docs[0].object.kind; // "Namespace"
 * ```
 */
export function parseManifests(
  text: string,
  options: ParseManifestOptions = {},
): ManifestDocument[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    version: "1.1",
    customTags: withoutTimes,
    prettyErrors: false,
  });
  const result: ManifestDocument[] = [];
  docs.forEach((doc, index) => {
    const context: Context = { doc, index, lines, options, result };
    const [error] = doc.errors;
    if (error) throw parseError(context, error.pos[0], error.message);
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (e) {
      // Too many aliases (a "billion laughs" document) or a dangling alias.
      throw parseError(context, doc.contents?.range?.[0] ?? 0, (e as Error).message);
    }
    if (value !== null && value !== undefined) collect(context, doc.contents, value);
  });
  return result;
}

/** What collect() needs to know about the document it is reading. */
interface Context {
  doc: Document;
  index: number;
  lines: LineCounter;
  options: ParseManifestOptions;
  result: ManifestDocument[];
}

function where(context: Context, offset: number): string {
  return `document ${context.index + 1}, line ${context.lines.linePos(offset).line}`;
}

function parseError(context: Context, offset: number, reason: string): BadRequestError {
  const name = context.options.source ?? "manifest";
  return new BadRequestError(`error parsing ${name}: ${where(context, offset)}: ${reason}`);
}

/** Adds an object, or the items of a List, to the result. */
function collect(context: Context, written: unknown, value: unknown): void {
  const offset = (written as { range?: number[] } | null)?.range?.[0] ??
    context.doc.contents?.range?.[0] ?? 0;
  const node = isAlias(written) ? written.resolve(context.doc) : written;
  if (!isMap(node) || value === null || typeof value !== "object" || Array.isArray(value)) {
    const got = Array.isArray(value) ? "a sequence" : `a ${value === null ? "null" : typeof value}`;
    throw parseError(context, offset, `expected an object with apiVersion and kind, got ${got}`);
  }
  const object = value as Record<string, unknown>;
  const missing = ["apiVersion", "kind"]
    .filter((key) => typeof object[key] !== "string" || object[key] === "")
    .map((key) => `${key} not set`);
  if (missing.length) {
    const name = JSON.stringify(context.options.source ?? "manifest");
    const body = missing.length === 1 ? missing[0] : `[${missing.join(", ")}]`;
    throw new BadRequestError(
      `error validating ${name}: ${where(context, offset)}: error validating data: ${body}`,
    );
  }
  if ((object.kind as string).endsWith("List") && Array.isArray(object.items)) {
    const items = node.get("items", true);
    const itemNodes = isAlias(items) ? items.resolve(context.doc) : items;
    object.items.forEach((item, i) => {
      collect(context, isSeq(itemNodes) ? itemNodes.items[i] : undefined, item);
    });
    return;
  }
  const { doc, lines, index, options } = context;
  const document: ManifestDocument = { object, index, line: lines.linePos(offset).line };
  if (options.source !== undefined) document.source = options.source;
  const positions: ManifestPositions = { lineOf: (path) => fieldLine(doc, lines, node, path) };
  Object.defineProperty(document, "positions", { value: positions, enumerable: false });
  context.result.push(document);
}

/**
 * The 1-based line of a field of a manifest object, e.g. `lineOf(doc, "spec.replicas")` or
 * `lineOf(doc, "spec.template.spec.containers[0].image")`; undefined when the field is absent or
 * the document carries no positions.
 */
export function lineOf(doc: ManifestDocument, path: string): number | undefined {
  return doc.positions?.lineOf(path);
}
