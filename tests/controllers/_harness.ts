/**
 * TEST-ONLY harness for the workload controllers: a MemoryStore, a FakeClock and a ControlPlane
 * running the deployment and replicaset controllers plus `bindAndReady`, a tiny stand-in for the
 * scheduler and the kubelet that exists only here (the real ones live in lib/scheduler and
 * lib/kubelet). It binds an unbound pod to a node in one round and marks a bound pod Running and
 * Ready in the next, so a rollout takes visible steps.
 *
 * @module
 */
import { FakeClock, rfc3339 } from "../../lib/api/clock.ts";
import type {
  AnyObject,
  Deployment,
  Event,
  Kind,
  KindMap,
  Pod,
  ReplicaSet,
} from "../../lib/api/types.ts";
import { admitObject } from "../../lib/api/validation/mod.ts";
import {
  ControlPlane,
  type SettleOptions,
  type SettleResult,
} from "../../lib/controllers/control_plane.ts";
import { type Controller, objectKeyOf, splitKey } from "../../lib/controllers/controller.ts";
import { deploymentController } from "../../lib/controllers/deployment.ts";
import { createReplicaSetController } from "../../lib/controllers/replicaset.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import type { Store } from "../../lib/store/store.ts";

/** A deterministic random source (mulberry32), so pod names repeat from run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Knobs of the test-only bind-and-ready controller. */
export interface BindAndReadyOptions {
  /** The node a pod is bound to (default `node-1`). */
  nodeFor?: (pod: Pod) => string;
  /** Whether a bound pod may become ready (default: always). */
  mayBecomeReady?: (pod: Pod) => boolean;
}

const isReady = (pod: Pod) =>
  pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** TEST-ONLY: binds unbound pods, then marks bound pods Running with Ready=True. */
export function bindAndReady(options: BindAndReadyOptions = {}): Controller {
  return {
    name: "test-bind-and-ready",
    keysFor: ({ type, object }) =>
      object.kind === "Pod" && type !== "DELETED"
        ? [objectKeyOf(object.metadata.namespace, object.metadata.name!)]
        : [],
    async reconcile(key, { cache, store, clock }) {
      const { namespace, name } = splitKey(key);
      const cached = cache.get("Pod", namespace, name);
      if (!cached || cached.metadata.deletionTimestamp || isReady(cached)) return;
      const pod = structuredClone(cached);
      const now = rfc3339(clock.now());
      if (!pod.spec.nodeName) {
        pod.spec.nodeName = options.nodeFor?.(pod) ?? "node-1";
        pod.status = {
          ...pod.status,
          conditions: [{ type: "PodScheduled", status: "True", lastTransitionTime: now }],
        };
      } else if (options.mayBecomeReady?.(pod) ?? true) {
        pod.status = {
          ...pod.status,
          phase: "Running",
          conditions: ["PodScheduled", "Initialized", "ContainersReady", "Ready"].map((type) => ({
            type,
            status: "True" as const,
            lastTransitionTime: now,
          })),
        };
      } else return;
      await store.update(pod);
    },
  };
}

/** Knobs of startHarness(). */
export interface HarnessOptions extends BindAndReadyOptions {
  /** Seed of the pod-name random source (default 1). */
  seed?: number;
  /** Run the test-only binder (default true); false leaves pods as the controllers made them. */
  binder?: boolean;
  /** An existing store and clock, e.g. for a second control plane on the same store. */
  shared?: { store: MemoryStore; clock: FakeClock };
}

/** A store, a clock and a control plane of the workload controllers, with readers for tests. */
export interface Harness {
  /** The store. */
  store: MemoryStore;
  /** The fake clock. */
  clock: FakeClock;
  /** The control plane: deployment, replicaset, bindAndReady (in that order). */
  plane: ControlPlane;
  /** Admits (decode, default, validate) and creates an object. */
  create<T extends AnyObject>(object: T): Promise<T>;
  /** Reads an object, changes a copy, writes it back. */
  change<K extends Kind>(kind: K, name: string, edit: (object: KindMap[K]) => void): Promise<void>;
  /** Runs the control plane to quiescence; fails the test when it does not converge. */
  settle(options?: SettleOptions): Promise<SettleResult>;
  /** Pods, by name. */
  pods(): Promise<Pod[]>;
  /** ReplicaSets, by name. */
  replicaSets(): Promise<ReplicaSet[]>;
  /** The Deployment `name`. */
  deployment(name?: string): Promise<Deployment>;
  /** `reason: message` of every Event, oldest first. */
  events(): Promise<string[]>;
}

/** The workload controllers and the test-only binder, on `store`. */
export function workloadPlane(
  store: Store,
  clock: FakeClock,
  options: HarnessOptions = {},
): ControlPlane {
  return new ControlPlane(store, clock, [
    deploymentController,
    createReplicaSetController({ random: seededRandom(options.seed ?? 1) }),
    ...(options.binder === false ? [] : [bindAndReady(options)]),
  ]);
}

/** Starts a harness; nothing runs until settle(). */
export function startHarness(options: HarnessOptions = {}): Harness {
  const clock = options.shared?.clock ?? new FakeClock();
  const store = options.shared?.store ?? new MemoryStore({ clock });
  const plane = workloadPlane(store, clock, options);
  const list = async <K extends Kind>(kind: K) => (await store.list(kind)).items;
  return {
    store,
    clock,
    plane,
    create: async (object) => await store.create(admitObject(object).object as typeof object),
    async change(kind, name, edit) {
      const stored = await store.get(kind, "default", name);
      if (!stored) throw new Error(`${kind} ${name} not found`);
      const object = structuredClone(stored); // the memory store hands out frozen objects
      edit(object);
      const admitted = admitObject(object).object;
      admitted.metadata.resourceVersion = object.metadata.resourceVersion;
      await store.update(admitted);
    },
    async settle(settleOptions) {
      const result = await plane.settle(settleOptions);
      if (!result.converged) {
        throw new Error(`settle did not converge: ${result.errors.join("; ")}`);
      }
      return result;
    },
    pods: () => list("Pod"),
    replicaSets: () => list("ReplicaSet"),
    async deployment(name = "web") {
      const d = await store.get("Deployment", "default", name);
      if (!d) throw new Error(`deployment ${name} not found`);
      return d;
    },
    async events() {
      const events: Event[] = await list("Event");
      return events
        .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
        .map((e) => `${e.reason}: ${e.message}`);
    },
  };
}
