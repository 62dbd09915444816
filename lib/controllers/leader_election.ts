import { type Clock, rfc3339 } from "../api/clock.ts";
import { ApiError } from "../api/errors.ts";
import type { Lease } from "../api/types.ts";
import type { Store } from "../store/store.ts";

/** Where and how long leadership is held. */
export interface LeaderElectionOptions {
  /** Namespace of the Lease (default `kube-system`). */
  namespace?: string;
  /** Name of the Lease (default `kclone-controller-manager`). */
  name?: string;
  /** Seconds a leader holds the lease without renewing it (default 15, as kube-controller-manager). */
  leaseDurationSeconds?: number;
}

/** What a candidate should do with the lease as it is. */
export type LeaseAction = "create" | "renew" | "take-over" | "follow";

/** Lease times as Kubernetes writes them (MicroTime). */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** True while the lease's holder has renewed it within its duration. */
export function leaseIsLive(lease: Lease | undefined, now: number): boolean {
  const spec = lease?.spec;
  if (!spec?.holderIdentity || !spec.renewTime) return false;
  return Date.parse(spec.renewTime) + (spec.leaseDurationSeconds ?? 15) * 1000 > now;
}

/** The decision of client-go's leader election for one candidate, as a pure function. */
export function leaseAction(lease: Lease | undefined, identity: string, now: number): LeaseAction {
  if (!lease) return "create";
  if (lease.spec?.holderIdentity === identity) return "renew";
  return leaseIsLive(lease, now) ? "follow" : "take-over";
}

/**
 * Leader election through a Lease object, as kube-controller-manager and kube-scheduler do it:
 * at most one holder at a time; another candidate takes over when the holder stops renewing.
 * Every write carries the lease's resourceVersion, so two candidates can never both win.
 */
export class LeaderElector {
  #store: Store;
  #clock: Clock;
  #identity: string;
  #namespace: string;
  #name: string;
  #duration: number;

  /** A candidate named `identity`. */
  constructor(store: Store, clock: Clock, identity: string, options: LeaderElectionOptions = {}) {
    this.#store = store;
    this.#clock = clock;
    this.#identity = identity;
    this.#namespace = options.namespace ?? "kube-system";
    this.#name = options.name ?? "kclone-controller-manager";
    this.#duration = options.leaseDurationSeconds ?? 15;
  }

  /** This candidate's identity. */
  get identity(): string {
    return this.#identity;
  }

  /** The lease as stored now. */
  lease(): Promise<Lease | undefined> {
    return this.#store.get("Lease", this.#namespace, this.#name);
  }

  /**
   * Acquires or renews leadership; false when another live holder has it or won the race.
   * `annotations` are written on the Lease with it (what followers should know of the leader).
   */
  async tryAcquireOrRenew(annotations: Record<string, string> = {}): Promise<boolean> {
    const now = this.#clock.now();
    const lease = await this.lease();
    const action = leaseAction(lease, this.#identity, now);
    if (action === "follow") return false;
    const spec = {
      holderIdentity: this.#identity,
      leaseDurationSeconds: this.#duration,
      acquireTime: action === "renew" ? lease!.spec?.acquireTime : microTime(now),
      renewTime: microTime(now),
      leaseTransitions: (lease?.spec?.leaseTransitions ?? 0) + (action === "take-over" ? 1 : 0),
    };
    try {
      if (action === "create") {
        await this.#store.create<Lease>({
          apiVersion: "coordination.k8s.io/v1",
          kind: "Lease",
          metadata: { name: this.#name, namespace: this.#namespace, annotations },
          spec,
        });
      } else {
        const metadata = {
          ...lease!.metadata,
          annotations: { ...lease!.metadata.annotations, ...annotations },
        };
        await this.#store.update<Lease>({ ...lease!, metadata, spec });
      }
      return true;
    } catch (error) {
      if (error instanceof ApiError && ["Conflict", "AlreadyExists"].includes(error.reason)) {
        return false;
      }
      throw error;
    }
  }

  /**
   * Gives leadership up at once (so the next candidate need not wait for expiry), writing
   * `annotations` on the Lease with it (what the next leader should know). A store that cannot
   * be reached is no error: the lease then expires by itself.
   */
  async release(annotations: Record<string, string> = {}): Promise<void> {
    try {
      const lease = await this.lease();
      if (lease?.spec?.holderIdentity !== this.#identity) return;
      const metadata = {
        ...lease.metadata,
        annotations: { ...lease.metadata.annotations, ...annotations },
      };
      await this.#store.update<Lease>({
        ...lease,
        metadata,
        spec: { ...lease.spec, holderIdentity: "", leaseDurationSeconds: 1, renewTime: rfc3339(0) },
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
}
