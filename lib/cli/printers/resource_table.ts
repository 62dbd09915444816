/**
 * Any kind's objects as the table `kubectl get` prints: the kind's columns, plus NAMESPACE,
 * LABELS and `kind/name` names on request, with the status coloured on a terminal.
 *
 * @module
 */
import { objectRef } from "../../api/kinds.ts";
import type { AnyObject, Event, Kind } from "../../api/types.ts";
import { formatTable } from "../table.ts";
import { colourStatus } from "./colour.ts";
import { formatLabels, type KindColumns } from "./columns.ts";
import { eventColumns, leaseColumns, namespaceColumns } from "./columns_misc.ts";
import { nodeColumns } from "./columns_node.ts";
import { podColumns } from "./columns_pod.ts";
import { endpointsColumns, serviceColumns } from "./columns_service.ts";
import { deploymentColumns, replicaSetColumns } from "./columns_workloads.ts";

/** The table columns of every kind that `get` prints. */
export const COLUMNS: Readonly<Partial<Record<Kind, KindColumns>>> = {
  Pod: podColumns as KindColumns,
  Node: nodeColumns as KindColumns,
  Deployment: deploymentColumns as KindColumns,
  ReplicaSet: replicaSetColumns as KindColumns,
  Service: serviceColumns as KindColumns,
  Endpoints: endpointsColumns as KindColumns,
  Event: eventColumns as KindColumns,
  Namespace: namespaceColumns as KindColumns,
  Lease: leaseColumns as KindColumns,
};

/** Options of resourceRows() and resourceTable(). */
export interface ResourceTableOptions {
  /** `-o wide`: the kind's extra columns. */
  wide?: boolean;
  /** `-A`: a NAMESPACE column first (ignored for cluster-scoped kinds, as kubectl does). */
  namespaceColumn?: boolean;
  /** `--show-labels`: a LABELS column last. */
  showLabels?: boolean;
  /** Names as `kind/name` (`deployment.apps/web`), as `kubectl get all` prints them. */
  withKind?: boolean;
  /** Colour the status cells. */
  color?: boolean;
}

/** A table before alignment. */
export interface TableParts {
  /** Column headers. */
  headers: string[];
  /** One row of cells per object. */
  rows: string[][];
}

/**
 * The headers and rows of a kind's table. Events come ordered by when they were last seen,
 * as `kubectl get events --sort-by=.lastTimestamp` would.
 */
export function resourceRows(
  kind: Kind,
  objects: readonly AnyObject[],
  now: number,
  options: ResourceTableOptions = {},
): TableParts {
  const columns = COLUMNS[kind];
  if (!columns) throw new Error(`no table columns for kind ${kind}`);
  const wide = options.wide ?? false;
  const namespaced = kind !== "Node" && kind !== "Namespace";
  const withNamespace = (options.namespaceColumn ?? false) && namespaced;
  const headers = [
    ...(withNamespace ? ["NAMESPACE"] : []),
    ...(wide ? columns.wideHeaders : columns.headers),
    ...(options.showLabels ? ["LABELS"] : []),
  ];
  const sorted = kind === "Event" ? sortEvents(objects as Event[]) : objects;
  const rows = sorted.map((object) => {
    const cells = columns.row(object, now, wide);
    if (options.withKind && columns.headers[0] === "NAME") cells[0] = objectRef(object);
    if (options.color && columns.statusColumn !== undefined) {
      cells[columns.statusColumn] = colourStatus(cells[columns.statusColumn], true);
    }
    return [
      ...(withNamespace ? [object.metadata.namespace ?? ""] : []),
      ...cells,
      ...(options.showLabels ? [formatLabels(object.metadata.labels)] : []),
    ];
  });
  return { headers, rows };
}

/** A kind's objects as one aligned kubectl table (header line included). */
export function resourceTable(
  kind: Kind,
  objects: readonly AnyObject[],
  now: number,
  options: ResourceTableOptions = {},
): string {
  const { headers, rows } = resourceRows(kind, objects, now, options);
  return formatTable(headers, rows);
}

function sortEvents(events: readonly Event[]): Event[] {
  const time = (e: Event) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? "";
  // Within one second (timestamps have second precision), the store's order of writes decides.
  const written = (e: Event) => Number(e.metadata.resourceVersion ?? 0);
  return [...events].sort((a, b) =>
    time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : written(a) - written(b)
  );
}
