/**
 * Helpers for the node-side tests: a control plane of the node controllers on a memory store
 * with a fake clock, and a switch to stop or revive a node's simulated kubelet.
 *
 * @module
 */
import { FakeClock } from "../../lib/api/clock.ts";
import type { Event, Pod } from "../../lib/api/types.ts";
import { ControlPlane } from "../../lib/controllers/control_plane.ts";
import type { Controller } from "../../lib/controllers/controller.ts";
import { KUBELET_ANNOTATION } from "../../lib/kubelet/simulated_kubelet.ts";
import { MemoryStore } from "../../lib/store/memory.ts";

/** A store, a clock at 2026-01-01T00:00:00Z and a control plane running `controllers`. */
export interface NodePlane {
  /** The store. */
  store: MemoryStore;
  /** The fake clock. */
  clock: FakeClock;
  /** The control plane. */
  plane: ControlPlane;
  /** Moves the clock by `ms` and settles; fails when the plane does not converge. */
  advance(ms: number): Promise<void>;
  /** Settles; fails when the plane does not converge. */
  settle(): Promise<void>;
  /** The pod's status, or undefined when it is gone. */
  pod(name: string): Promise<Pod | undefined>;
  /** `reason: message` of every Event, sorted. */
  events(): Promise<string[]>;
}

/** Builds a NodePlane. */
export function nodePlane(controllers: Controller[]): NodePlane {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const plane = new ControlPlane(store, clock, controllers);
  const settle = async () => {
    const result = await plane.settle();
    if (!result.converged || result.errors.length > 0) {
      throw new Error(`settle: ${JSON.stringify(result)}`);
    }
  };
  return {
    store,
    clock,
    plane,
    settle,
    async advance(ms) {
      clock.advance(ms);
      await settle();
    },
    pod: (name) => store.get("Pod", "default", name),
    async events() {
      const { items } = await store.list("Event");
      return items.map((e: Event) => `${e.reason}: ${e.message}`).sort();
    },
  };
}

/** Stops (`stopped`), hands to an agent (`agent`) or revives (no mode) a node's kubelet. */
export async function setKubelet(
  store: MemoryStore,
  name: string,
  mode?: "stopped" | "agent",
): Promise<void> {
  const node = await store.get("Node", undefined, name);
  if (!node) throw new Error(`no node ${name}`);
  const annotations = { ...node.metadata.annotations };
  if (mode) annotations[KUBELET_ANNOTATION] = mode;
  else delete annotations[KUBELET_ANNOTATION];
  await store.update({ ...node, metadata: { ...node.metadata, annotations } });
}
