/**
 * A minimal OpenAPI v2 (Swagger 2.0) document at `/openapi/v2`, with no definitions. kubectl
 * validates a `kind: List` client-side against v2 (its v3 check of server-side field validation
 * knows no `List` kind); finding no schema for the items' kinds, it leaves them to the server,
 * which validates them with fieldValidation as for any object. kubectl asks for protobuf
 * (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`), so both encodings are served.
 *
 * @module
 */

const TITLE = "Kubernetes";
const VERSION = "v1.32.0";

/** The v2 document as JSON. */
export function openApiV2Document(): Record<string, unknown> {
  return { swagger: "2.0", info: { title: TITLE, version: VERSION }, paths: {}, definitions: {} };
}

/**
 * The same document in gnostic's protobuf encoding (`openapi_v2.Document`): swagger (field 1),
 * info (2: title 1, version 2), empty paths (8) and definitions (9).
 */
export function openApiV2Protobuf(): Uint8Array<ArrayBuffer> {
  const info = [...stringField(1, TITLE), ...stringField(2, VERSION)];
  return new Uint8Array([
    ...stringField(1, "2.0"),
    ...bytesField(2, info),
    ...bytesField(8, []),
    ...bytesField(9, []),
  ]);
}

/** `/openapi/v2` in the encoding the request accepts: protobuf unless it asks for JSON only. */
export function openApiV2Response(request: Request): Response {
  const accept = request.headers.get("accept") ?? "";
  if (accept.includes("protobuf")) {
    return new Response(openApiV2Protobuf(), {
      headers: { "content-type": "application/com.github.proto-openapi.spec.v2.v1.0+protobuf" },
    });
  }
  return new Response(JSON.stringify(openApiV2Document()), {
    headers: { "content-type": "application/json" },
  });
}

function stringField(field: number, text: string): number[] {
  return bytesField(field, [...new TextEncoder().encode(text)]);
}

/** A length-delimited field (wire type 2); lengths here stay under 128 (one varint byte). */
function bytesField(field: number, bytes: number[]): number[] {
  return [(field << 3) | 2, bytes.length, ...bytes];
}
