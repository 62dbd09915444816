import type { KindInfo } from "../api/kinds.ts";
import type { AnyObject } from "../api/types.ts";
import { jsonResponse } from "./_responses.ts";
import { includeObjectParam, objectTable, type ObjectTableOptions, tableVersion } from "./table.ts";

/** A list or an object in the body of a GET: a `*List` with items, or one object. */
type GetBody = AnyObject | {
  items: AnyObject[];
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
};

/**
 * How a request wants its objects as a Table (apiVersion and includeObject), or undefined when
 * it wants them plain.
 */
export function tableRequest(request: Request): ObjectTableOptions | undefined {
  const version = tableVersion(request.headers.get("accept"));
  if (version === undefined) return undefined;
  const query = new URL(request.url).searchParams;
  return {
    apiVersion: `meta.k8s.io/${version}`,
    includeObject: includeObjectParam(query.get("includeObject")),
  };
}

/** The answer to a GET: a Table when the Accept header asks for one, else the body as JSON. */
export function getResponse(
  request: Request,
  info: KindInfo,
  body: GetBody,
  now: number,
): Response {
  const options = tableRequest(request);
  if (!options) return jsonResponse(body);
  const items = "items" in body ? body.items : [body];
  const metadata = "items" in body ? body.metadata : {
    resourceVersion: body.metadata.resourceVersion,
  };
  return jsonResponse(objectTable(info.kind, items, now, { ...options, ...metadata }));
}
