/**
 * `kubectl get events`, `kubectl get namespaces` and `kubectl get leases` columns.
 *
 * @module
 */
import type { Event, Lease, Namespace } from "../../api/types.ts";
import { age } from "./age.ts";
import type { KindColumns } from "./columns.ts";

/** The object an event is about, as kubectl writes it: `pod/web-1` (lower-case kind). */
export function eventObject(event: Event): string {
  const { kind = "", name } = event.involvedObject;
  return name ? `${kind.toLowerCase()}/${name}` : kind.toLowerCase();
}

/** SOURCE: the component (or reporting controller), then `, host` when there is one. */
export function eventSource(event: Event): string {
  const component = event.source?.component || event.reportingComponent || "";
  const host = event.source?.host || event.reportingInstance || "";
  return host ? `${component}, ${host}` : component;
}

/** When an event was first and last seen, as ages. */
export function eventTimes(event: Event, now: number): { first: string; last: string } {
  const first = event.firstTimestamp ? age(event.firstTimestamp, now) : age(event.eventTime, now);
  const last = event.lastTimestamp ? age(event.lastTimestamp, now) : first;
  return { first, last };
}

/**
 * Events: LAST SEEN TYPE REASON OBJECT MESSAGE; `-o wide`: LAST SEEN TYPE REASON OBJECT SUBOBJECT
 * SOURCE MESSAGE FIRST SEEN COUNT NAME, as kubectl orders them.
 */
export const eventColumns: KindColumns<Event> = {
  headers: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
  wideHeaders: [
    "LAST SEEN",
    "TYPE",
    "REASON",
    "OBJECT",
    "SUBOBJECT",
    "SOURCE",
    "MESSAGE",
    "FIRST SEEN",
    "COUNT",
    "NAME",
  ],
  statusColumn: 1,
  row(event: Event, now: number, wide: boolean): string[] {
    const { first, last } = eventTimes(event, now);
    const message = (event.message ?? "").trim();
    if (!wide) return [last, event.type ?? "", event.reason ?? "", eventObject(event), message];
    return [
      last,
      event.type ?? "",
      event.reason ?? "",
      eventObject(event),
      event.involvedObject.fieldPath ?? "",
      eventSource(event),
      message,
      first,
      String(event.count || 1),
      event.metadata.name ?? "",
    ];
  },
};

/** Namespaces: NAME STATUS AGE. */
export const namespaceColumns: KindColumns<Namespace> = {
  headers: ["NAME", "STATUS", "AGE"],
  wideHeaders: ["NAME", "STATUS", "AGE"],
  statusColumn: 1,
  row(namespace: Namespace, now: number): string[] {
    return [
      namespace.metadata.name ?? "",
      namespace.status?.phase ?? "",
      age(namespace.metadata.creationTimestamp, now),
    ];
  },
};

/** Leases: NAME HOLDER AGE. */
export const leaseColumns: KindColumns<Lease> = {
  headers: ["NAME", "HOLDER", "AGE"],
  wideHeaders: ["NAME", "HOLDER", "AGE"],
  row(lease: Lease, now: number): string[] {
    return [
      lease.metadata.name ?? "",
      lease.spec?.holderIdentity ?? "",
      age(lease.metadata.creationTimestamp, now),
    ];
  },
};
