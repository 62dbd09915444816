import { ApiError, BadRequestError } from "../api/errors.ts";
import type { AnyObject } from "../api/types.ts";
import { decodeObject } from "../api/validation/mod.ts";
import type { StoreDump } from "./store.ts";

/** The format marker of kclone snapshot files. */
export const SNAPSHOT_KIND = "KcloneSnapshot";
/** The snapshot format version this code reads and writes. */
export const SNAPSHOT_API_VERSION = "kclone.dev/v1";

/** A whole cluster state as one JSON document. */
export interface Snapshot {
  /** Always `kclone.dev/v1`. */
  apiVersion: typeof SNAPSHOT_API_VERSION;
  /** Always `KcloneSnapshot`. */
  kind: typeof SNAPSHOT_KIND;
  /** The store revision when it was saved. */
  revision: number;
  /** When it was saved (RFC 3339). */
  savedAt: string;
  /** Every object, with uid and resourceVersion. */
  items: AnyObject[];
}

/** The snapshot of a store dump. */
export function snapshotFromDump(dump: StoreDump, savedAt: string): Snapshot {
  return {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: SNAPSHOT_KIND,
    revision: dump.revision,
    savedAt,
    items: dump.objects,
  };
}

/** Options of reading a snapshot. */
export interface ReadSnapshotOptions {
  /** Called as objects are checked: `done` of `total` (every 100 objects, and at the end). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Reads snapshot text, checking every object strictly; BadRequest naming the source and the item
 * when it is not a kclone snapshot or holds an object kclone would reject.
 */
export function parseSnapshot(
  text: string,
  source = "snapshot",
  options: ReadSnapshotOptions = {},
): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(
      `${source} is not a kclone snapshot: invalid JSON: ${(error as Error).message}`,
    );
  }
  const snapshot = data as Partial<Snapshot>;
  if (typeof data !== "object" || data === null || snapshot.kind !== SNAPSHOT_KIND) {
    throw new BadRequestError(
      `${source} is not a kclone snapshot: expected "kind": "${SNAPSHOT_KIND}"`,
    );
  }
  if (snapshot.apiVersion !== SNAPSHOT_API_VERSION) {
    throw new BadRequestError(
      `${source} has snapshot version "${snapshot.apiVersion}"; this kclone reads "${SNAPSHOT_API_VERSION}"`,
    );
  }
  if (!Array.isArray(snapshot.items)) {
    throw new BadRequestError(`${source} is not a kclone snapshot: "items" must be a list`);
  }
  const seen = new Set<string>();
  const total = snapshot.items.length;
  const items = snapshot.items.map((item, index) => {
    try {
      const { object } = decodeObject(item);
      const { name, namespace, uid, resourceVersion } = object.metadata;
      if (!name || !uid || !resourceVersion || !/^[1-9][0-9]*$/.test(resourceVersion)) {
        throw new BadRequestError(
          "every item needs metadata.name, uid and a numeric resourceVersion",
        );
      }
      const key = `${object.kind}/${namespace ?? ""}/${name}`;
      if (seen.has(key)) throw new BadRequestError(`duplicate object ${key}`);
      seen.add(key);
      if ((index + 1) % 100 === 0 || index + 1 === total) options.onProgress?.(index + 1, total);
      return object;
    } catch (error) {
      if (error instanceof ApiError) {
        throw new BadRequestError(`${source}: items[${index}]: ${error.message}`);
      }
      throw error;
    }
  });
  return { ...(snapshot as Snapshot), items };
}

/** Writes a snapshot file atomically: a reader never sees half a file. */
export async function writeSnapshotFile(path: string, snapshot: Snapshot): Promise<void> {
  const temporary = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  await Deno.writeTextFile(temporary, JSON.stringify(snapshot, null, 2) + "\n");
  await Deno.rename(temporary, path);
}

/** Reads and checks a snapshot file. */
export async function readSnapshotFile(
  path: string,
  options: ReadSnapshotOptions = {},
): Promise<Snapshot> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new BadRequestError(`cannot read snapshot ${path}: ${(error as Error).message}`);
  }
  return parseSnapshot(text, path, options);
}
