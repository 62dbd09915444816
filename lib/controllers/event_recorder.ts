import { rfc3339 } from "../api/clock.ts";
import type { Clock } from "../api/clock.ts";
import { ApiError } from "../api/errors.ts";
import { kindInfo } from "../api/kinds.ts";
import type { AnyObject, Event } from "../api/types.ts";
import type { Store } from "../store/store.ts";

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
 * whose count and lastTimestamp go up when the same thing happens again.
 */
export class EventRecorder {
  #store: Store;
  #clock: Clock;
  #component: string;

  /** Events are written to `store` on behalf of `component` (e.g. `default-scheduler`). */
  constructor(store: Store, clock: Clock, component = "kclone") {
    this.#store = store;
    this.#clock = clock;
    this.#component = component;
  }

  /** Records one event on `object` (best effort: a failure to record is not the caller's failure). */
  async record(
    object: AnyObject,
    record: EventRecord,
    component: string = this.#component,
  ): Promise<void> {
    const namespace = kindInfo(object.kind)?.namespaced
      ? object.metadata.namespace ?? "default"
      : "default";
    const now = rfc3339(this.#clock.now());
    const name = `${object.metadata.name}.${eventSuffix(object, record)}`;
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
        source: { component },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        reportingComponent: component,
        reportingInstance: component,
      };
      await this.#store.create(event);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
}

/** A stable suffix per object, reason and message, so a repeated event is counted, not duplicated. */
function eventSuffix(object: AnyObject, record: EventRecord): string {
  const text = `${object.metadata.uid}|${record.reason}|${record.message}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}
