import { ApiError, BadRequestError, RequestEntityTooLargeError } from "../api/errors.ts";
import type { KindInfo } from "../api/kinds.ts";
import type { AnyObject } from "../api/types.ts";
import { decodeKubernetesProtobuf, PROTOBUF_MEDIA_TYPE } from "./protobuf/decode.ts";

/** 415 for a body that is not JSON (protobuf, CBOR): clients then send JSON. */
export class UnsupportedMediaTypeError extends ApiError {
  /** `type` is the Content-Type of the request. */
  constructor(type: string) {
    super(
      "UnsupportedMediaType",
      415,
      `the body of the request was in an unknown format - accepted media types include: application/json (got ${type})`,
    );
  }
}

/**
 * The object in a request body, checked against the resource of the URL: kind and apiVersion
 * filled in when absent, BadRequest when they name another kind or the body is no JSON object.
 */
export async function readObject(request: Request, info: KindInfo): Promise<AnyObject> {
  const body = await readJson(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequestError(`Object '${info.kind}' is not a JSON object`);
  }
  const object = body as Record<string, unknown>;
  object.kind ??= info.kind;
  object.apiVersion ??= info.apiVersion;
  if (object.kind !== info.kind || object.apiVersion !== info.apiVersion) {
    throw new BadRequestError(
      `${String(object.kind)} in version "${
        String(object.apiVersion)
      }" cannot be handled as a ${info.kind}: the object does not match the resource of the request`,
    );
  }
  if (object.metadata === undefined || object.metadata === null) object.metadata = {};
  if (typeof object.metadata !== "object" || Array.isArray(object.metadata)) {
    throw new BadRequestError(
      `${info.kind} in version "${info.apiVersion}" cannot be handled as a ${info.kind}: json: cannot unmarshal ${
        goJsonType(object.metadata)
      } into Go struct field ${info.kind}.metadata of type v1.ObjectMeta`,
    );
  }
  return object as unknown as AnyObject;
}

/** The largest request body the server reads: kube-apiserver's default, 3 MiB. */
export const MAX_REQUEST_BODY_BYTES: number = 3 * 1024 * 1024;

/**
 * The bytes of a request body, at most MAX_REQUEST_BODY_BYTES: RequestEntityTooLarge (413) at
 * once for a larger Content-Length, or as soon as the stream passes the limit, so an oversized
 * body is never held in memory whole.
 */
export async function readBodyBytes(request: Request): Promise<Uint8Array> {
  const limit = MAX_REQUEST_BODY_BYTES;
  const tooLarge = () => new RequestEntityTooLargeError(`limit is ${limit}`);
  const body = request.body;
  if (body === null) return new Uint8Array();
  if (Number(request.headers.get("content-length") ?? 0) > limit) {
    await body.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  const next = () =>
    reader.read().catch((error) => {
      // A client that closed its side before sending the body it announced.
      throw new BadRequestError(`error reading the request body: ${(error as Error).message}`);
    });
  for (let read = await next(); !read.done; read = await next()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The text of a request body (UTF-8), held to the same limit as readBodyBytes(). */
export async function readBodyText(request: Request): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request));
}

/** The name Go's encoding/json gives a JSON value's type in its errors. */
function goJsonType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  return typeof value === "boolean" ? "bool" : typeof value;
}

/** The JSON of a body, undefined when empty; BadRequest when malformed. */
export async function readJson(request: Request): Promise<unknown> {
  // The body first, as kube-apiserver reads it (with its limit) before it looks at the type.
  const bytes = await readBodyBytes(request);
  const type = request.headers.get("content-type") ?? "";
  // Typed clients (kubectl create deployment, expose) send built-in kinds as protobuf.
  if (type.startsWith(PROTOBUF_MEDIA_TYPE)) return await decodeKubernetesProtobuf(bytes);
  if (type !== "" && !/^application\/(json|[\w.+-]*\+json)\b/.test(type)) {
    throw new UnsupportedMediaTypeError(type);
  }
  // A byte order mark stays, so that JSON.parse refuses it as Go's decoder does.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(
      `the body of the request was in an unknown format: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}
