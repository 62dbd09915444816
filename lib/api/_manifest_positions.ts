/**
 * Finds where a field of a parsed YAML document sits in its source text, so that messages can name
 * a line. Private to lib/api.
 *
 * @module
 */

import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Pair } from "yaml";

/** A path segment: a map key or a sequence index. */
type Segment = string | number;

/**
 * Splits a field path as Kubernetes writes them: `spec.containers[0].image`,
 * `metadata.labels[app.kubernetes.io/name]`.
 */
export function splitFieldPath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else segments.push(/^[0-9]+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return segments;
}

/** The 1-based line of a field below `root` (a node of `doc`), or undefined if it is absent. */
export function fieldLine(
  doc: Document,
  lines: LineCounter,
  root: unknown,
  path: string,
): number | undefined {
  let node = root;
  let offset = rangeStart(root);
  for (const segment of splitFieldPath(path)) {
    const current = resolve(doc, node);
    if (isMap(current)) {
      const pair = findPair(doc, current.items, String(segment));
      if (!pair) return undefined;
      offset = rangeStart(pair.key);
      node = pair.value;
    } else if (isSeq(current) && typeof segment === "number") {
      node = current.items[segment];
      if (node === undefined) return undefined;
      offset = rangeStart(node);
    } else return undefined;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

function resolve(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function keyText(key: unknown): string | undefined {
  const value = isScalar(key) ? key.value : key;
  if (typeof value === "symbol") return value.description;
  return value === null || value === undefined ? undefined : String(value);
}

/** The pair with a key; explicit keys win over keys merged in with `<<`. */
function findPair(doc: Document, pairs: Pair[], key: string): Pair | undefined {
  const direct = pairs.find((pair) => keyText(pair.key) === key);
  if (direct) return direct;
  for (const merge of pairs.filter((pair) => keyText(pair.key) === "<<")) {
    const value = resolve(doc, merge.value);
    const sources = isSeq(value) ? value.items.map((item) => resolve(doc, item)) : [value];
    for (const source of sources) {
      const found = isMap(source) ? findPair(doc, source.items as Pair[], key) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}
