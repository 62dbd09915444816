/**
 * The shape of a protobuf field as kclone decodes it, and small makers for the message tables.
 *
 * @module
 */

/** One field of a message. */
export interface ProtoField {
  /** The JSON name. */
  name: string;
  /** `string`, `int32`, `int64`, `bool`, `bytes`, `ignored` (skipped) or a message name. */
  type: string;
  /** A repeated field (a JSON list). */
  list?: boolean;
  /** A map field: the type of its values (`string` or a message name). */
  map?: string;
  /** A pointer in Go: kept even when zero. */
  presence?: boolean;
  /** A struct Go's JSON inlines into its parent (Probe.handler, Volume.volumeSource). */
  inline?: boolean;
}

/** A message: its fields by number. */
export type ProtoFields = Record<number, ProtoField>;

/** A string field. */
export const str = (name: string): ProtoField => ({ name, type: "string" });
/** An int32 field (`presence` for a Go pointer). */
export const i32 = (name: string, presence?: boolean): ProtoField => ({
  name,
  type: "int32",
  presence,
});
/** An int64 field (`presence` for a Go pointer). */
export const i64 = (name: string, presence?: boolean): ProtoField => ({
  name,
  type: "int64",
  presence,
});
/** A bool field (`presence` for a Go pointer). */
export const bool = (name: string, presence?: boolean): ProtoField => ({
  name,
  type: "bool",
  presence,
});
/** A message field (`presence` for a Go pointer). */
export const msg = (name: string, type: string, presence?: boolean): ProtoField => ({
  name,
  type,
  presence,
});
/** A repeated message field. */
export const list = (name: string, type: string): ProtoField => ({ name, type, list: true });
/** A map field with string keys and `values` (string or a message). */
export const map = (name: string, values = "string"): ProtoField => ({
  name,
  type: "map",
  map: values,
});
