/**
 * Field selectors as Kubernetes reads them (`fields.ParseSelector`: `spec.nodeName=n1,
 * status.phase!=Failed`), limited to the fields each kind supports, as the API server limits them.
 *
 * @module
 */

import { BadRequestError } from "./errors.ts";
import type { AnyObject } from "./types.ts";

/** One term of a field selector; a selector matches when all its terms do. */
export interface FieldRequirement {
  /** Field path, e.g. `spec.nodeName`. */
  field: string;
  /** `=` (also written `==`) or `!=`. */
  operator: "=" | "!=";
  /** The value, unescaped (`\,`, `\=` and `\\` stand for `,`, `=` and `\`). */
  value: string;
}

const COMMON = ["metadata.name", "metadata.namespace"];

/** Fields each kind can be selected by, beyond metadata.name and metadata.namespace. */
const KIND_FIELDS: Record<string, string[]> = {
  Pod: [
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName",
  ],
  Event: [
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
  ],
  Node: ["spec.unschedulable"],
  Service: ["spec.clusterIP", "spec.type"],
};

/** Where a selectable field lives when its name is not its path. */
const FIELD_PATHS: Record<string, string> = { source: "source.component" };

/** Boolean fields that Kubernetes prints as "false" when unset. */
const BOOLEAN_FIELDS = new Set(["spec.unschedulable", "spec.hostNetwork"]);

/**
 * Parses a field selector for a kind. Throws BadRequestError on malformed text and
 * `field label not supported: <field>` on a field the kind cannot be selected by.
 *
 * @example
 * ```ts
 * import { parseFieldSelector } from "./field_selector.ts";
 * parseFieldSelector("Pod", "spec.nodeName=node-1,status.phase!=Failed");
 * ```
 */
export function parseFieldSelector(kind: string, text: string): FieldRequirement[] {
  const supported = [...COMMON, ...(KIND_FIELDS[kind] ?? [])];
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(text)) {
    if (term === "") continue;
    const match = /!=|==|=/.exec(term);
    if (!match) {
      throw new BadRequestError(`invalid selector: '${text}'; can't understand '${term}'`);
    }
    const field = term.slice(0, match.index);
    const value = unescapeValue(term.slice(match.index + match[0].length));
    requirements.push({ field, operator: match[0] === "!=" ? "!=" : "=", value });
  }
  // As in the API server, the whole text parses before fields are checked.
  const unsupported = requirements.find(({ field }) => !supported.includes(field));
  if (unsupported) throw new BadRequestError(`field label not supported: ${unsupported.field}`);
  return requirements;
}

/** Splits on commas that a backslash does not escape. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === ",") {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

function unescapeValue(value: string): string {
  let result = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === "\\") {
      const next = value[++i];
      if (next !== "\\" && next !== "," && next !== "=") {
        const sequence = next === undefined ? "\\" : `\\${next}`;
        throw new BadRequestError(`invalid field selector: invalid escape sequence: ${sequence}`);
      }
      result += next;
    } else if (ch === "," || ch === "=") {
      // Kubernetes prints the character's code point here (Go's %v of a rune).
      throw new BadRequestError(
        `invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`,
      );
    } else result += ch;
  }
  return result;
}

/** The text of a field on an object, as the API server's field sets hold it. */
function fieldText(object: AnyObject, field: string): string {
  let current: unknown = object;
  for (const part of (FIELD_PATHS[field] ?? field).split(".")) {
    current = current !== null && typeof current === "object"
      ? (current as Record<string, unknown>)[part]
      : undefined;
  }
  if (current === undefined || current === null) return BOOLEAN_FIELDS.has(field) ? "false" : "";
  return typeof current === "object" ? JSON.stringify(current) : String(current);
}

/**
 * Whether an object satisfies every field requirement. A missing field reads as the empty string
 * (booleans Kubernetes always sets, like `spec.unschedulable`, as "false"); booleans read as
 * "true"/"false".
 */
export function matchesFields(requirements: FieldRequirement[], object: AnyObject): boolean {
  return requirements.every(({ field, operator, value }) =>
    (fieldText(object, field) === value) === (operator === "=")
  );
}
