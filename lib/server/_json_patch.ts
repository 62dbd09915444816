/**
 * JSON Patch (RFC 6902) over plain JSON values: add, remove, replace, move, copy and test, with
 * JSON pointers (RFC 6901). Errors are worded as the Go library kube-apiserver uses words them.
 *
 * @module
 */
import { jsonEqual } from "../api/json_equal.ts";

/** A failed operation: `bad` for a malformed patch (400), `invalid` for one that does not apply. */
export class JsonPatchError extends Error {
  /** `bad` (malformed patch) or `invalid` (the patch does not apply to the document). */
  readonly kind: "bad" | "invalid";
  /** `message` as the user sees it. */
  constructor(kind: "bad" | "invalid", message: string) {
    super(message);
    this.kind = kind;
  }
}

type Container = Record<string, unknown> | unknown[];

/** Applies a JSON patch to a copy of `document`; throws JsonPatchError. */
export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) {
    throw new JsonPatchError("bad", "invalid JSON Patch");
  }
  let doc = structuredClone(document);
  for (const raw of patch) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new JsonPatchError("bad", "invalid JSON Patch");
    }
    const op = raw as Record<string, unknown>;
    const path = pointer(op, "path");
    switch (op.op) {
      case "add":
        doc = add(doc, path, valueOf(op));
        break;
      case "remove":
        doc = remove(doc, path, "remove");
        break;
      case "replace":
        remove(doc, path, "replace");
        doc = add(doc, path, valueOf(op));
        break;
      case "move": {
        const from = pointer(op, "from");
        const value = get(doc, from, "move");
        doc = add(remove(doc, from, "move"), path, value);
        break;
      }
      case "copy":
        doc = add(doc, path, structuredClone(get(doc, pointer(op, "from"), "copy")));
        break;
      case "test": {
        const actual = path.length === 0 ? doc : get(doc, path, "test");
        if (!jsonEqual(actual, valueOf(op))) {
          throw new JsonPatchError(
            "invalid",
            `testing value ${format(path)} failed: test failed`,
          );
        }
        break;
      }
      default:
        throw new JsonPatchError("bad", `Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
}

function pointer(op: Record<string, unknown>, key: string): string[] {
  const text = op[key];
  if (typeof text !== "string") {
    throw new JsonPatchError("bad", `${op.op} operation missing ${key} string`);
  }
  if (text === "") return [];
  if (!text.startsWith("/")) {
    throw new JsonPatchError("bad", `invalid JSON pointer ${JSON.stringify(text)}`);
  }
  return text.slice(1).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function valueOf(op: Record<string, unknown>): unknown {
  if (!("value" in op)) throw new JsonPatchError("bad", `${op.op} operation missing value`);
  return structuredClone(op.value);
}

function format(path: string[]): string {
  return "/" + path.map((s) => s.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
}

/** The container holding the last segment of `path`. */
function parent(doc: unknown, path: string[], op: string): Container {
  let current = doc;
  for (const seg of path.slice(0, -1)) {
    current = step(current, seg);
    if (current === undefined) {
      throw new JsonPatchError(
        "invalid",
        `${op} operation does not apply: doc is missing path: "${format(path)}": missing value`,
      );
    }
  }
  if (typeof current !== "object" || current === null) {
    throw new JsonPatchError("invalid", `${op} operation does not apply: ${format(path)}`);
  }
  return current as Container;
}

function step(value: unknown, seg: string): unknown {
  if (Array.isArray(value)) {
    const i = index(seg, value.length - 1);
    return i === undefined ? undefined : value[i];
  }
  if (typeof value === "object" && value !== null && Object.hasOwn(value, seg)) {
    return (value as Record<string, unknown>)[seg];
  }
  return undefined;
}

function index(seg: string, max: number): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(seg)) return undefined;
  const i = Number(seg);
  return i <= max ? i : undefined;
}

function get(doc: unknown, path: string[], op: string): unknown {
  if (path.length === 0) return doc;
  const value = step(parent(doc, path, op), path[path.length - 1]);
  if (value === undefined) {
    throw new JsonPatchError(
      "invalid",
      `${op} operation does not apply: doc is missing key: ${format(path)}: missing value`,
    );
  }
  return value;
}

function add(doc: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const target = parent(doc, path, "add");
  const last = path[path.length - 1];
  if (!Array.isArray(target)) {
    target[last] = value;
    return doc;
  }
  const i = last === "-" ? target.length : index(last, target.length);
  if (i === undefined) {
    throw new JsonPatchError("invalid", `Unable to access invalid index: ${last}: invalid index`);
  }
  target.splice(i, 0, value);
  return doc;
}

function remove(doc: unknown, path: string[], op: string): unknown {
  get(doc, path, op);
  const target = parent(doc, path, op);
  const last = path[path.length - 1];
  if (Array.isArray(target)) target.splice(Number(last), 1);
  else delete target[last];
  return doc;
}
