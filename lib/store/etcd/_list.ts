/**
 * The etcd store's list: one page in the stores' key order (namespace, name), read at one
 * revision with ranges that start at the `after` key and stop once the page is full.
 *
 * Within one namespace, and for cluster-scoped kinds, etcd's key order is the stores' order. Over
 * all namespaces it is not (`/registry/pods/a-b/x` sorts before `/registry/pods/a/x`), so such a
 * list first reads the kind's keys alone, and then ranges namespace after namespace in order.
 *
 * @module
 */
import { kindInfo } from "../../api/kinds.ts";
import type { AnyObject } from "../../api/types.ts";
import { compileFilter, type ObjectFilter } from "../_filter.ts";
import { hasSelector, type KeyParts, keyParts, pageLimit, sortsAfter } from "../_list_page.ts";
import type { ListOptions, ListResult } from "../store.ts";
import type { EtcdClient } from "./_client.ts";
import { decodeObject, fromBase64 } from "./_codec.ts";
import { prefixEnd, registryPrefix } from "./_keys.ts";
import { countRange, currentRevision, rangeFrom, rangeKeys, retryCompacted } from "./_range.ts";

/** One stretch of keys to read in order: from `from` up to the end of `prefix`. */
interface Segment {
  prefix: string;
  from: string;
}

/** The page of a kind that `options` select (with `limit` or `after`), at one revision. */
export function listPage(
  client: EtcdClient,
  kind: string,
  options: ListOptions,
): Promise<ListResult<AnyObject>> {
  return retryCompacted(() => readPage(client, kind, options));
}

async function readPage(
  client: EtcdClient,
  kind: string,
  options: ListOptions,
): Promise<ListResult<AnyObject>> {
  const filter = compileFilter(kind, options);
  const after = options.after === undefined ? undefined : keyParts(kind, options.after);
  const namespace = kindInfo(kind)?.namespaced ? options.namespace : undefined;
  const allNamespaces = kindInfo(kind)?.namespaced && namespace === undefined;
  let keys: string[] = [];
  let keysRevision = 0;
  let segments: Segment[];
  if (allNamespaces) {
    ({ keys, revision: keysRevision } = await rangeKeys(client, registryPrefix(kind)));
    segments = namespaceSegments(registryPrefix(kind), keys, after);
  } else {
    segments = singleSegment(registryPrefix(kind, namespace), namespace ?? "", after);
  }
  const page = await readSegments(client, segments, filter, {
    limit: pageLimit(options),
    selected: hasSelector(options),
    revision: keysRevision,
  });
  // No range read at all (an `after` past the namespace): the revision is the current one.
  const revision = page.revision || await currentRevision(client);
  const result: ListResult<AnyObject> = { items: page.items, resourceVersion: String(revision) };
  if (!page.more) return result;
  result.more = true;
  if (hasSelector(options)) return result;
  const last = page.lastKey;
  if (allNamespaces) {
    const parts = keyParts(kind, last.slice(registryPrefix(kind).length));
    result.remainingItemCount = keys.filter((key) =>
      sortsAfter(keyParts(kind, key.slice(registryPrefix(kind).length)), parts)
    ).length;
  } else {
    const end = prefixEnd(segments[0].prefix);
    result.remainingItemCount = await countRange(client, last + "\0", end, page.revision);
  }
  return result;
}

/** The one range of a namespace (or a cluster-scoped kind), from after the `after` key. */
function singleSegment(prefix: string, namespace: string, after?: KeyParts): Segment[] {
  if (!after || after[0] < namespace) return [{ prefix, from: prefix }];
  if (after[0] > namespace) return [];
  return [{ prefix, from: after[1] === "" ? prefix : `${prefix}${after[1]}\0` }];
}

/** A range per namespace of `keys`, in namespace order, from the `after` key on. */
function namespaceSegments(prefix: string, keys: string[], after?: KeyParts): Segment[] {
  const namespaces = new Set<string>();
  for (const key of keys) {
    const rest = key.slice(prefix.length);
    namespaces.add(rest.slice(0, rest.indexOf("/")));
  }
  const segments: Segment[] = [];
  for (const namespace of [...namespaces].sort()) {
    if (after && namespace < after[0]) continue;
    segments.push(...singleSegment(`${prefix}${namespace}/`, namespace, after));
  }
  return segments;
}

interface SegmentsPage {
  items: AnyObject[];
  more: boolean;
  revision: number;
  /** The key of the last item. */
  lastKey: string;
}

/** Reads the segments in turn until `limit` items passed the filter and one more was seen. */
async function readSegments(
  client: EtcdClient,
  segments: Segment[],
  filter: ObjectFilter,
  options: { limit: number; selected: boolean; revision: number },
): Promise<SegmentsPage> {
  const { limit, selected } = options;
  const page: SegmentsPage = { items: [], more: false, revision: options.revision, lastKey: "" };
  for (const segment of segments) {
    const end = prefixEnd(segment.prefix);
    let from = segment.from;
    for (;;) {
      // One past the page tells whether more follow; selectors drop items, so read more then.
      const wanted = limit - page.items.length + 1;
      const chunk = Math.min(1_000, selected ? Math.max(wanted, 100) : wanted);
      const answer = await rangeFrom(client, from, end, { limit: chunk, revision: page.revision });
      page.revision = answer.revision;
      for (const kv of answer.kvs) {
        const object = decodeObject(kv);
        if (!filter(object)) continue;
        if (page.items.length === limit) return { ...page, more: true };
        page.items.push(object);
        page.lastKey = fromBase64(kv.key);
      }
      if (!answer.more || answer.kvs.length === 0) break;
      from = `${fromBase64(answer.kvs[answer.kvs.length - 1].key)}\0`;
    }
  }
  return page;
}
