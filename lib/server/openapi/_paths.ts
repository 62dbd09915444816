/**
 * The REST paths of one kind, as kube-apiserver publishes them in OpenAPI v3. kubectl reads
 * them to decide whether the server validates fields itself: it looks for the PATCH operation
 * carrying the kind's `x-kubernetes-group-version-kind` and a `fieldValidation` query
 * parameter, and then leaves validation to the server (fieldValidation=Strict).
 *
 * @module
 */
import type { KindInfo } from "../../api/kinds.ts";
import { ref } from "./_names.ts";

type JsonObject = Record<string, unknown>;

function query(name: string, description: string, type = "string"): JsonObject {
  return { name, in: "query", description, schema: { type, uniqueItems: true } };
}

const DRY_RUN = query(
  "dryRun",
  "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed",
);
const FIELD_MANAGER = query(
  "fieldManager",
  "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.",
);
const FIELD_VALIDATION = query(
  "fieldValidation",
  "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present.",
);
const FORCE = query(
  "force",
  'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.',
  "boolean",
);
const WRITE_PARAMS = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];

function pathParam(name: string, description: string): JsonObject {
  return { name, in: "path", description, required: true, schema: { type: "string" } };
}

function content(types: string[], schema: JsonObject): JsonObject {
  return Object.fromEntries(types.map((t) => [t, { schema }]));
}

/** `Core`, `Apps`, `Coordination`: the group as kube-apiserver's operation ids spell it. */
function groupWord(group: string): string {
  const word = group ? group.split(".")[0] : "core";
  return word[0].toUpperCase() + word.slice(1);
}

/** The collection and item paths of a served kind, with their operations. */
export function kindPaths(info: KindInfo, definition: string): Record<string, JsonObject> {
  const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const collection = `${prefix}${
    info.namespaced ? "/namespaces/{namespace}" : ""
  }/${info.resource}`;
  const gvk = { group: info.group, version: info.version, kind: info.kind };
  const suffix = `${groupWord(info.group)}${info.version.toUpperCase()[0]}${info.version.slice(1)}${
    info.namespaced ? "Namespaced" : ""
  }${info.kind}`;
  const body = ref(definition);
  const ok = { "200": { description: "OK", content: content(["application/json"], body) } };
  const op = (verb: string, action: string, extra: JsonObject = {}): JsonObject => ({
    operationId: `${verb}${suffix}`,
    responses: ok,
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": gvk,
    ...extra,
  });
  const write = (types: string[], schema: JsonObject, params: JsonObject[]): JsonObject => ({
    parameters: params,
    requestBody: { required: true, content: content(types, schema) },
  });
  const shared = info.namespaced
    ? [pathParam("namespace", "object name and auth scope, such as for teams and projects")]
    : [];
  return {
    [collection]: {
      parameters: shared,
      get: op("list", "list"),
      post: op("create", "post", write(["*/*"], body, WRITE_PARAMS)),
    },
    [`${collection}/{name}`]: {
      parameters: [pathParam("name", `name of the ${info.kind}`), ...shared],
      get: op("read", "get"),
      put: op("replace", "put", write(["*/*"], body, WRITE_PARAMS)),
      // No application/strategic-merge-patch+json: kubectl apply then computes its patch from
      // its own compiled-in Kubernetes types rather than from this (partial) schema.
      patch: op(
        "patch",
        "patch",
        write(
          [
            "application/apply-patch+yaml",
            "application/json-patch+json",
            "application/merge-patch+json",
          ],
          ref("io.k8s.apimachinery.pkg.apis.meta.v1.Patch"),
          [...WRITE_PARAMS, FORCE],
        ),
      ),
      delete: op("delete", "delete", { parameters: [DRY_RUN] }),
    },
  };
}
