/**
 * `kclone get -w`: the listing, then one line per change, until SIGINT or SIGTERM.
 *
 * @module
 */
import type { Output } from "../context.ts";
import { UsageError } from "../context.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import type { AnyObject } from "../../api/types.ts";
import { visibleLength } from "../printers/colour.ts";
import { formatObjects, type ObjectFormat } from "../printers/output_format.ts";
import { resourceRows, type ResourceTableOptions } from "../printers/resource_table.ts";
import type { GetTarget } from "./get_targets.ts";
import { type GetRequest, listOptionsFor } from "./get_request.ts";

/** A row padded to the column widths, three spaces between columns, as formatTable() does. */
function alignRow(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => cell + " ".repeat(Math.max(0, widths[i] - visibleLength(cell)) + 3))
    .join("").trimEnd();
}

/**
 * Prints the listing of one kind, then a row (or object) per watch event from the list's
 * resourceVersion on, until the process gets SIGINT or SIGTERM; then returns normally.
 */
export async function watchGet(
  cluster: Cluster,
  targets: readonly GetTarget[],
  request: GetRequest,
  output: Output,
): Promise<void> {
  if (targets.length !== 1 || targets[0].names.length > 1) {
    const count = targets.reduce((n, t) => n + Math.max(1, t.names.length), 0);
    throw new UsageError(
      `watch is only supported on individual resources and resource collections, but ${count} resources were found`,
    );
  }
  const [target] = targets;
  const kind = target.info.kind;
  const options = listOptionsFor(target, request);
  if (target.names.length === 1) {
    const byName = `metadata.name=${target.names[0]}`;
    options.fieldSelector = options.fieldSelector ? `${options.fieldSelector},${byName}` : byName;
  }
  const list = await cluster.store.list(kind, options);
  const table: ResourceTableOptions = {
    wide: request.output === "wide",
    namespaceColumn: request.allNamespaces,
    showLabels: request.showLabels,
    color: output.color,
  };
  const format = request.output === "json" || request.output === "yaml" || request.output === "name"
    ? request.output as ObjectFormat
    : undefined;
  const widths: number[] = [];
  let header = false;
  const print = (objects: AnyObject[]) => {
    if (format) {
      for (const object of objects) {
        if (format === "yaml") output.out("---");
        output.out(formatObjects([object], format, { single: true }));
      }
      return;
    }
    const { headers, rows } = resourceRows(kind, objects, cluster.clock.now(), table);
    // Lines already printed stay as they are; later rows only ever widen the columns.
    for (const cells of [headers, ...rows]) {
      cells.forEach((c, i) => widths[i] = Math.max(widths[i] ?? 0, visibleLength(c)));
    }
    if (!header) output.out(alignRow(headers, widths));
    header = true;
    for (const cells of rows) output.out(alignRow(cells, widths));
  };
  if (list.items.length > 0) print(list.items);
  const controller = new AbortController();
  const stop = () => controller.abort();
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  try {
    const events = cluster.watch(kind, {
      ...options,
      resourceVersion: list.resourceVersion,
      signal: controller.signal,
    });
    for await (const event of events) {
      if (event.type !== "BOOKMARK") print([event.object]);
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    Deno.removeSignalListener("SIGINT", stop);
    Deno.removeSignalListener("SIGTERM", stop);
  }
}
