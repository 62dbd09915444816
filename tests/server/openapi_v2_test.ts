import assert from "node:assert/strict";
import { openApiV2Protobuf, openApiV2Response } from "../../lib/server/openapi/v2.ts";

Deno.test("openApiV2Protobuf() encodes swagger 2.0, info and empty paths and definitions", () => {
  assert.deepEqual(
    [...openApiV2Protobuf()],
    [
      0x0a,
      3,
      ..."2.0".split("").map((c) => c.charCodeAt(0)),
      0x12,
      21,
      0x0a,
      10,
      ..."Kubernetes".split("").map((c) => c.charCodeAt(0)),
      0x12,
      7,
      ..."v1.32.0".split("").map((c) => c.charCodeAt(0)),
      0x42,
      0,
      0x4a,
      0,
    ],
  );
});

Deno.test("openApiV2Response() answers protobuf to kubectl and JSON to others", async () => {
  const proto = openApiV2Response(
    new Request("http://x/openapi/v2", {
      headers: { accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf" },
    }),
  );
  assert.equal(
    proto.headers.get("content-type"),
    "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
  );
  await proto.body?.cancel();
  const json = openApiV2Response(new Request("http://x/openapi/v2"));
  assert.deepEqual(await json.json(), {
    swagger: "2.0",
    info: { title: "Kubernetes", version: "v1.32.0" },
    paths: {},
    definitions: {},
  });
});
