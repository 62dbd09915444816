import { rfc3339 } from "../api/clock.ts";
import type { Clock } from "../api/clock.ts";
import { ApiError } from "../api/errors.ts";
import { kindInfo } from "../api/kinds.ts";
import type { AnyObject, Event } from "../api/types.ts";
import type { Store } from "../store/store.ts";

/** Distinct messages on one object before they are combined (Kubernetes' maxEvents). */
const AGGREGATE_MAX_EVENTS = 10;
/** The window in which similar events are counted (Kubernetes' maxIntervalInSeconds). */
const AGGREGATE_INTERVAL_MS = 600_000;
/** Aggregation keys remembered (Kubernetes' LRU of 4096). */
const AGGREGATE_CACHE_SIZE = 4096;

/** What an event says about an object. */
export interface EventRecord {
  /** Normal or Warning. */
  type: "Normal" | "Warning";
  /** Short reason, e.g. `FailedScheduling`. */
  reason: string;
  /** Human-readable message. */
  message: string;
}

/**
 * Records Events as Kubernetes' event recorder does: one Event per object, reason and message,
 * whose count and lastTimestamp go up when the same thing happens again; many similar events on
 * one object (a ReplicaSet creating pods) are combined, as Kubernetes' EventCorrelator does.
 */
export class EventRecorder {
  #store: Store;
  #clock: Clock;
  #component: string;

  #similar = new Map<string, { since: number; messages: Set<string> }>();

  /**
   * Kubernetes' EventAggregator: once more than 10 events that differ only in message are recorded
   * on one object within 10 minutes, the rest go into one combined Event that is counted.
   */
  #aggregate(object: AnyObject, record: EventRecord, component: string): boolean {
    const key = aggregateKey(object, record, component);
    const now = this.#clock.now();
    let seen = this.#similar.get(key);
    if (!seen || now - seen.since > AGGREGATE_INTERVAL_MS) {
      this.#similar.delete(key);
      if (this.#similar.size >= AGGREGATE_CACHE_SIZE) {
        this.#similar.delete(this.#similar.keys().next().value!);
      }
      this.#similar.set(key, seen = { since: now, messages: new Set() });
    }
    seen.messages.add(record.message);
    return seen.messages.size > AGGREGATE_MAX_EVENTS;
  }

  /** Events are written to `store` on behalf of `component` (e.g. `default-scheduler`). */
  constructor(store: Store, clock: Clock, component = "kclone") {
    this.#store = store;
    this.#clock = clock;
    this.#component = component;
  }

  /**
   * Records one event on `object` (best effort: a failure to record is not the caller's
   * failure). `host` names the node a kubelet's event comes from (`source.host`).
   */
  async record(
    object: AnyObject,
    record: EventRecord,
    component: string = this.#component,
    host?: string,
  ): Promise<void> {
    const namespace = kindInfo(object.kind)?.namespaced
      ? object.metadata.namespace ?? "default"
      : "default";
    const now = rfc3339(this.#clock.now());
    const aggregated = this.#aggregate(object, record, component);
    if (aggregated) {
      record = { ...record, message: `(combined from similar events): ${record.message}` };
    }
    const name = `${object.metadata.name}.${
      hash(aggregated ? aggregateKey(object, record, component) : messageKey(object, record))
    }`;
    try {
      const existing = await this.#store.get("Event", namespace, name);
      if (existing) {
        await this.#store.update({
          ...existing,
          count: (existing.count ?? 1) + 1,
          lastTimestamp: now,
        });
        return;
      }
      const event: Event = {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name, namespace },
        involvedObject: {
          kind: object.kind,
          namespace: object.metadata.namespace,
          name: object.metadata.name,
          uid: object.metadata.uid,
          apiVersion: object.apiVersion,
          resourceVersion: object.metadata.resourceVersion,
        },
        reason: record.reason,
        message: record.message,
        type: record.type,
        source: host === undefined ? { component } : { component, host },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        reportingComponent: component,
        reportingInstance: host ?? component,
      };
      await this.#store.create(event);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
}

/** Same object, reason and message: the same Event, counted again. */
function messageKey(object: AnyObject, record: EventRecord): string {
  return `${object.metadata.uid}|${record.reason}|${record.message}`;
}

/** Same object, type, reason and source, any message: events that aggregate together. */
function aggregateKey(object: AnyObject, record: EventRecord, component: string): string {
  return `${component}|${object.kind}|${object.metadata.uid}|${record.type}|${record.reason}`;
}

/** A short stable hash (FNV-1a) for event names. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193);
  return (value >>> 0).toString(16).padStart(8, "0");
}
