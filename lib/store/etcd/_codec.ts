/**
 * What goes into etcd and comes out of it: keys and values base64 (as the JSON gateway carries
 * bytes), objects as JSON without metadata.resourceVersion (as Kubernetes stores them: the
 * version is etcd's mod_revision, set on the way out).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { AnyObject } from "../../api/types.ts";

/** A key-value pair as the gateway sends it: bytes base64, int64 as strings. */
export interface EtcdKeyValue {
  key: string;
  create_revision?: string;
  mod_revision?: string;
  version?: string;
  value?: string;
}

/** Text as the gateway carries bytes. */
export function toBase64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** Bytes from the gateway as text. */
export function fromBase64(base64: string | undefined): string {
  return base64 ? Buffer.from(base64, "base64").toString("utf8") : "";
}

/** An int64 from the gateway (absent means 0). */
export function int64(value: string | number | undefined): number {
  return value === undefined ? 0 : Number(value);
}

/** The value to store: the object without its resourceVersion, as JSON, base64. */
export function encodeObject(object: AnyObject): string {
  const { resourceVersion: _, ...metadata } = object.metadata;
  return toBase64(JSON.stringify({ ...object, metadata }));
}

/**
 * The value to store for an object that keeps its resourceVersion (restore): until it is next
 * written, reads report that version instead of the mod_revision.
 */
export function encodePinned(object: AnyObject): string {
  return toBase64(JSON.stringify(object));
}

/** The object a key-value pair holds, its resourceVersion the mod_revision (or its pinned one). */
export function decodeObject(kv: EtcdKeyValue): AnyObject {
  const object = JSON.parse(fromBase64(kv.value)) as AnyObject;
  object.metadata ??= {};
  object.metadata.resourceVersion ??= String(int64(kv.mod_revision));
  return object;
}

/** An object with its resourceVersion set (a fresh top level and metadata). */
export function withVersion<T extends AnyObject>(object: T, revision: number): T {
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(revision) } };
}
