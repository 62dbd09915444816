import { ApiError, BadRequestError } from "../api/errors.ts";
import type { KindInfo } from "../api/kinds.ts";
import type { AnyObject } from "../api/types.ts";

/** 415 for a body that is not JSON (protobuf, CBOR): clients then send JSON. */
export class UnsupportedMediaTypeError extends ApiError {
  /** `type` is the Content-Type of the request. */
  constructor(type: string) {
    super(
      "BadRequest",
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
  if (typeof object.metadata !== "object" || object.metadata === null) object.metadata = {};
  return object as unknown as AnyObject;
}

/** The JSON of a body, undefined when empty; BadRequest when malformed. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type !== "" && !/^application\/(json|[\w.+-]*\+json)\b/.test(type)) {
    throw new UnsupportedMediaTypeError(type);
  }
  const text = await request.text();
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
