/**
 * `kclone get`: reads the objects asked for and prints them as kubectl does.
 *
 * @module
 */
import { errorLine, type Output, UsageError } from "../context.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import type { AnyObject, Kind } from "../../api/types.ts";
import { formatObjects, type ObjectFormat } from "../printers/output_format.ts";
import { resourceTable } from "../printers/resource_table.ts";
import { type GetRequest, listOptionsFor } from "./get_request.ts";
import { getTargets, notFound } from "./get_targets.ts";
import { watchGet } from "./watch_get.ts";

export type { GetRequest } from "./get_request.ts";

/** The output formats of `get -o`. */
export const OUTPUT_FORMATS: readonly string[] = ["json", "name", "wide", "yaml"];

/** One kind's objects, read. */
interface Group {
  kind: Kind;
  objects: AnyObject[];
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
  for (const target of targets) {
    const kind = target.info.kind;
    if (target.names.length === 0) {
      groups.push({ kind, objects: await cluster.list(kind, listOptionsFor(target, request)) });
      continue;
    }
    const objects: AnyObject[] = [];
    for (const name of target.names) {
      const object = await cluster.get(kind, name, { namespace: request.namespace });
      if (object) objects.push(object);
      else missing.push(notFound(target.info, name));
    }
    groups.push({ kind, objects });
  }
  const single = targets.length === 1 && targets[0].names.length === 1;
  printGroups(groups, request, output, { now: cluster.clock.now(), single });
  const named = targets.some((t) => t.names.length > 0);
  const machine = request.output === "json" || request.output === "yaml";
  if (!named && !machine && groups.every((g) => g.objects.length === 0)) {
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
  { now, single }: { now: number; single: boolean },
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
    if (group.objects.length === 0) continue;
    if (!first) output.out();
    first = false;
    output.out(resourceTable(group.kind, group.objects, now, {
      wide: format === "wide",
      namespaceColumn: request.allNamespaces,
      showLabels: request.showLabels,
      withKind: groups.length > 1,
      color: output.color,
    }));
  }
}
