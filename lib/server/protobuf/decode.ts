import type protobufModule from "protobufjs/minimal.js";
import { BadRequestError } from "../../api/errors.ts";
import { PROTO_MESSAGES, type ProtoField, TOP_LEVEL_MESSAGES } from "./messages.ts";

/** The media type of Kubernetes' protobuf encoding. */
export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

/** Every protobuf body starts with these four bytes ("k8s" and a zero). */
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

let protobuf: typeof protobufModule;

/** Wire types of the protobuf encoding. */
const VARINT = 0, LENGTH_DELIMITED = 2;

/** The zero time of Go, which a metav1.Time without a value encodes as (seconds since 1970). */
const GO_ZERO_SECONDS = -62135596800;

/**
 * The object in a body in Kubernetes' protobuf encoding (the `k8s\0` envelope around a
 * runtime.Unknown whose raw bytes are the object), as the JSON object it stands for: what typed
 * clients such as `kubectl create deployment` send. Fields a Go client writes even when empty
 * (strings, numbers and booleans that are not pointers) are left out when empty, as JSON's
 * omitempty leaves them out. BadRequest for anything that is not such a body, or that holds a
 * field kclone cannot name.
 */
export async function decodeKubernetesProtobuf(
  bytes: Uint8Array,
): Promise<Record<string, unknown>> {
  // Loaded on the first protobuf body, so that CLI commands do not pay for it at start-up.
  protobuf ??= (await import("protobufjs/minimal.js")).default;
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new BadRequestError(
      "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
    );
  }
  try {
    const unknown = decodeMessage(bytes.subarray(MAGIC.length), "Unknown");
    const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
    const kind = typeMeta.kind ?? "";
    const message = TOP_LEVEL_MESSAGES[kind];
    if (message === undefined) {
      throw new BadRequestError(
        `kclone cannot read a ${kind || "body without a kind"} in protobuf; send it as JSON`,
      );
    }
    const raw = unknown.raw instanceof Uint8Array ? unknown.raw : new Uint8Array();
    return { apiVersion: typeMeta.apiVersion, kind, ...decodeMessage(raw, message) };
  } catch (error) {
    if (error instanceof BadRequestError) throw error;
    throw new BadRequestError(
      `the body of the request was in an unknown format: ${(error as Error).message}`,
    );
  }
}

/** Decodes the bytes of one message of a type named in PROTO_MESSAGES. */
function decodeMessage(bytes: Uint8Array, type: string): Record<string, unknown> {
  const fields = PROTO_MESSAGES[type];
  const reader = protobuf.Reader.create(bytes);
  const object: Record<string, unknown> = {};
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const number = tag >>> 3, wire = tag & 7;
    const field = fields[number];
    if (field === undefined) {
      skipEmpty(reader, wire, type, number);
      continue;
    }
    const value = readValue(reader, field.map ? "MapEntry" : field.type, field, wire);
    if (field.map) {
      const entry = value as { key: string; value: Uint8Array | string };
      const entries = (object[field.name] ??= {}) as Record<string, unknown>;
      entries[entry.key] = field.map === "string"
        ? entry.value
        : convert(decodeMessage(entry.value as Uint8Array, field.map), field.map);
    } else if (field.inline) {
      Object.assign(object, value);
    } else if (field.list) {
      ((object[field.name] ??= []) as unknown[]).push(value);
    } else if (field.presence || !isEmpty(value)) {
      object[field.name] = value;
    }
  }
  return object;
}

/** One value of a field, as JSON. */
function readValue(
  reader: protobufModule.Reader,
  type: string,
  field: ProtoField,
  wire: number,
): unknown {
  switch (type) {
    case "string":
      return reader.string();
    case "bytes":
      return reader.bytes();
    case "bool":
      return reader.bool();
    case "int32":
      return reader.int32();
    case "int64":
      return Number(String(reader.int64()));
    case "ignored":
      reader.skipType(wire);
      return undefined;
    case "MapEntry":
      return readMapEntry(reader.bytes(), field.map === "string");
  }
  if (wire !== LENGTH_DELIMITED) throw new Error(`field ${field.name} is not a message`);
  return convert(decodeMessage(reader.bytes(), type), type);
}

/** A map entry: key (1) and value (2), the value as a string or the bytes of a message. */
function readMapEntry(bytes: Uint8Array, stringValue: boolean): { key: string; value: unknown } {
  const reader = protobuf.Reader.create(bytes);
  let key = "", value: unknown = stringValue ? "" : new Uint8Array();
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1) key = reader.string();
    else if (tag >>> 3 === 2) value = stringValue ? reader.string() : reader.bytes();
    else reader.skipType(tag & 7);
  }
  return { key, value };
}

/** The JSON form of the messages JSON writes as scalars: times, quantities, int-or-strings. */
function convert(message: Record<string, unknown>, type: string): unknown {
  switch (type) {
    case "Time": {
      const seconds = Number(message.seconds ?? 0);
      if (seconds === GO_ZERO_SECONDS || message.seconds === undefined) return undefined;
      return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    case "Quantity":
      return message.string ?? "0";
    case "IntOrString":
      return Number(message.type ?? 0) === 1 ? message.strVal ?? "" : message.intVal ?? 0;
    case "FieldsV1":
      return message.Raw instanceof Uint8Array
        ? JSON.parse(new TextDecoder().decode(message.Raw))
        : {};
  }
  return message;
}

/** True for the values Go's JSON omitempty leaves out. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === "" || value === 0 || value === false) return true;
  if (value instanceof Uint8Array) return value.length === 0;
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.keys(value).length === 0;
}

/** Skips a field kclone does not know, which is fine only when it holds nothing. */
function skipEmpty(
  reader: protobufModule.Reader,
  wire: number,
  type: string,
  number: number,
): void {
  const empty = wire === VARINT
    ? Number(String(reader.uint64())) === 0
    : wire === LENGTH_DELIMITED
    ? reader.bytes().length === 0
    : (reader.skipType(wire), false);
  if (!empty) {
    throw new BadRequestError(
      `kclone cannot read field ${number} of ${type} in protobuf; send the object as JSON`,
    );
  }
}
