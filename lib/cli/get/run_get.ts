/**
 * `kclone get`: reads the objects asked for and prints them as kubectl does.
 *
 * @module
 */
import { errorLine, type Output, UsageError } from "../context.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import type { AnyObject, Kind } from "../../api/types.ts";
import { formatObjects, type ObjectFormat } from "../printers/output_format.ts";
import {
  resourceRows,
  resourceTable,
  type ResourceTableOptions,
  type TableParts,
} from "../printers/resource_table.ts";
import { formatTable } from "../table.ts";
import { listInChunks } from "./list_in_chunks.ts";
import { type GetRequest, listOptionsFor } from "./get_request.ts";
import { getTargets, notFound } from "./get_targets.ts";
import { watchGet } from "./watch_get.ts";

export type { GetRequest } from "./get_request.ts";

/** The formats printed as tables: kubectl's default and `-o wide`. */
const TABLES = new Set(["wide"]);

/** The output formats of `get -o`. */
export const OUTPUT_FORMATS: readonly string[] = ["json", "name", "wide", "yaml"];

/** One kind's objects, read; or, for a table read in chunks, its rows. */
interface Group {
  kind: Kind;
  objects: AnyObject[];
  table?: TableParts;
  count: number;
}

/** Runs `kclone get`; NotFound for a missing name (after printing the ones found). */
export async function runGet(cluster: Cluster, request: GetRequest, output: Output): Promise<void> {
  if (request.output !== undefined && !OUTPUT_FORMATS.includes(request.output)) {
    throw new UsageError(
      `unable to match a printer suitable for the output format "${request.output}", allowed formats are: ${
        OUTPUT_FORMATS.join(",")
      }`,
    );
  }
  const targets = getTargets(request.args);
  if (request.watch) return await watchGet(cluster, targets, request, output);
  const groups: Group[] = [];
  const missing: Error[] = [];
  const tableOptions = {
    wide: request.output === "wide",
    namespaceColumn: request.allNamespaces,
    showLabels: request.showLabels,
    withKind: targets.length > 1,
    color: output.color,
  };
  const now = cluster.clock.now();
  for (const target of targets) {
    const kind = target.info.kind;
    if (target.names.length === 0 && request.output !== undefined && !TABLES.has(request.output)) {
      const objects = await cluster.list(kind, listOptionsFor(target, request));
      groups.push({ kind, objects, count: objects.length });
      continue;
    }
    if (target.names.length === 0 && kind !== "Event") {
      // As kubectl get: in chunks of 500, keeping rows, not objects.
      const table: TableParts = { headers: [], rows: [] };
      const count = await listInChunks(
        cluster.store,
        kind,
        listOptionsFor(target, request),
        (chunk) => {
          const part = resourceRows(kind, chunk, now, tableOptions);
          table.headers = part.headers;
          for (const row of part.rows) table.rows.push(row);
        },
      );
      groups.push({ kind, objects: [], table, count });
      continue;
    }
    if (target.names.length === 0) {
      const objects = await cluster.list(kind, listOptionsFor(target, request));
      groups.push({ kind, objects, count: objects.length });
      continue;
    }
    const objects: AnyObject[] = [];
    for (const name of target.names) {
      const object = await cluster.get(kind, name, { namespace: request.namespace });
      if (object) objects.push(object);
      else missing.push(notFound(target.info, name));
    }
    groups.push({ kind, objects, count: objects.length });
  }
  const single = targets.length === 1 && targets[0].names.length === 1;
  printGroups(groups, request, output, { now, single, tableOptions });
  const named = targets.some((t) => t.names.length > 0);
  const machine = request.output === "json" || request.output === "yaml";
  if (!named && !machine && groups.every((g) => g.count === 0)) {
    const clusterScoped = targets.every((t) => !t.info.namespaced);
    output.err(
      request.allNamespaces || clusterScoped
        ? "No resources found"
        : `No resources found in ${request.namespace} namespace.`,
    );
  }
  for (const error of missing.slice(0, -1)) output.err(errorLine(error));
  if (missing.length > 0) throw missing[missing.length - 1];
}

function printGroups(
  groups: Group[],
  request: GetRequest,
  output: Output,
  { now, single, tableOptions }: {
    now: number;
    single: boolean;
    tableOptions: ResourceTableOptions;
  },
): void {
  const objects = groups.flatMap((g) => g.objects);
  const format = request.output;
  if (format === "json" || format === "yaml" || format === "name") {
    if (objects.length === 0 && (format === "name" || single)) return;
    output.out(formatObjects(objects, format as ObjectFormat, { single }));
    return;
  }
  let first = true;
  for (const group of groups) {
    if (group.count === 0) continue;
    if (!first) output.out();
    first = false;
    output.out(
      group.table
        ? formatTable(group.table.headers, group.table.rows)
        : resourceTable(group.kind, group.objects, now, tableOptions),
    );
  }
}
