import type { AnyObject, Kind } from "../../api/types.ts";
import { kindInfo } from "../../api/kinds.ts";
import type { ListOptions, Store } from "../../store/store.ts";

/** kubectl get's default `--chunk-size`: lists are read 500 objects at a time. */
export const CHUNK_SIZE = 500;

/**
 * Reads a kind's list as `kubectl get` does, a chunk of CHUNK_SIZE at a time, handing each chunk
 * to `each`, which keeps what it prints (rows) rather than every object: a list of 10,000 pods is
 * never all in memory at once. Returns how many objects there were.
 */
export async function listInChunks(
  store: Store,
  kind: Kind,
  options: ListOptions,
  each: (chunk: AnyObject[]) => void,
): Promise<number> {
  let after: string | undefined;
  let count = 0;
  for (;;) {
    const page = await store.list(kind, { ...options, limit: CHUNK_SIZE, after });
    count += page.items.length;
    if (page.items.length > 0) each(page.items);
    if (!page.more || page.items.length === 0) return count;
    const { namespace, name } = page.items[page.items.length - 1].metadata;
    after = kindInfo(kind)?.namespaced ? `${namespace}/${name}` : name;
  }
}
