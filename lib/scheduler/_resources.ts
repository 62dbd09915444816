/**
 * Resource arithmetic as kube-scheduler does it: a pod's requests (containers summed, each init
 * container's maxed in, since init containers run one at a time), the "non-zero" requests used
 * for scoring, and a node's allocatable. Quantities are parsed once per distinct text.
 *
 * @module
 */
import { cpuMillis, memoryBytes } from "../api/quantity.ts";
import type { Container, Node, Pod, Quantity } from "../api/types.ts";

/** schedutil.DefaultMilliCPURequest: what scoring counts for a container without a cpu request. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200Mi, for a container without a memory request. */
export const DEFAULT_MEMORY_REQUEST: number = 200 * 1024 * 1024;

/** The requests of a pod. */
export interface PodRequests {
  /** CPU in millicores. */
  milliCPU: number;
  /** Memory in bytes. */
  memory: number;
  /** CPU with missing container requests counted as 100m. */
  nonZeroMilliCPU: number;
  /** Memory with missing container requests counted as 200Mi. */
  nonZeroMemory: number;
  /** Other resources; undefined when none. */
  scalar: Record<string, number> | undefined;
}

/** A node's allocatable resources. */
export interface Allocatable {
  /** CPU in millicores. */
  milliCPU: number;
  /** Memory in bytes. */
  memory: number;
  /** Pod count. */
  pods: number;
  /** Other resources; undefined when none. */
  scalar: Record<string, number> | undefined;
}

const MEMO_LIMIT = 10_000;
const cpuMemo = new Map<string, number>();
const valueMemo = new Map<string, number>();

function parsed(
  text: Quantity | number,
  memo: Map<string, number>,
  parse: typeof cpuMillis,
): number {
  if (typeof text === "number") return parse(text);
  let value = memo.get(text);
  if (value === undefined) {
    try {
      value = parse(text);
    } catch {
      value = 0; // Admission rejects bad quantities; a bad one here must not stop scheduling.
    }
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, value);
  }
  return value;
}

/** `500m` → 500 millicores. */
export function milliCPUOf(text: Quantity | number): number {
  return parsed(text, cpuMemo, cpuMillis);
}

/** `128Mi` → 134217728 (Quantity.Value(), used for memory, pods and the rest). */
export function valueOf(text: Quantity | number): number {
  return parsed(text, valueMemo, memoryBytes);
}

function containerRequests(container: Container): PodRequests {
  const requests = container.resources?.requests ?? {};
  const out: PodRequests = {
    milliCPU: 0,
    memory: 0,
    nonZeroMilliCPU: DEFAULT_MILLI_CPU_REQUEST,
    nonZeroMemory: DEFAULT_MEMORY_REQUEST,
    scalar: undefined,
  };
  for (const name in requests) {
    const text = requests[name];
    if (name === "cpu") out.milliCPU = out.nonZeroMilliCPU = milliCPUOf(text);
    else if (name === "memory") out.memory = out.nonZeroMemory = valueOf(text);
    else (out.scalar ??= {})[name] = valueOf(text);
  }
  return out;
}

function combine(into: PodRequests, add: PodRequests, op: (a: number, b: number) => number): void {
  into.milliCPU = op(into.milliCPU, add.milliCPU);
  into.memory = op(into.memory, add.memory);
  into.nonZeroMilliCPU = op(into.nonZeroMilliCPU, add.nonZeroMilliCPU);
  into.nonZeroMemory = op(into.nonZeroMemory, add.nonZeroMemory);
  for (const name in add.scalar) {
    const scalar = into.scalar ??= {};
    scalar[name] = op(scalar[name] ?? 0, add.scalar[name]);
  }
}

const sum = (a: number, b: number): number => a + b;

/** A pod's requests, as resourcehelper.PodRequests computes them (no overhead, no sidecars). */
export function podRequests(pod: Pod): PodRequests {
  const total: PodRequests = {
    milliCPU: 0,
    memory: 0,
    nonZeroMilliCPU: 0,
    nonZeroMemory: 0,
    scalar: undefined,
  };
  for (const container of pod.spec?.containers ?? []) {
    combine(total, containerRequests(container), sum);
  }
  for (const container of pod.spec?.initContainers ?? []) {
    combine(total, containerRequests(container), Math.max);
  }
  return total;
}

/** A node's allocatable (status.allocatable, else status.capacity); missing resources are 0. */
export function allocatableOf(node: Node): Allocatable {
  const list = node.status?.allocatable ?? node.status?.capacity ?? {};
  const out: Allocatable = { milliCPU: 0, memory: 0, pods: 0, scalar: undefined };
  for (const name in list) {
    const text = list[name];
    if (name === "cpu") out.milliCPU = milliCPUOf(text);
    else if (name === "memory") out.memory = valueOf(text);
    else if (name === "pods") out.pods = valueOf(text);
    else (out.scalar ??= {})[name] = valueOf(text);
  }
  return out;
}

/**
 * `floor(a / b)` for non-negative integers below 2^53, exact even where `a / b` rounds up to an
 * integer in floating point (it never rounds down past one: division is correctly rounded).
 */
export function intDiv(a: number, b: number): number {
  const q = Math.floor(a / b);
  return q * b > a ? q - 1 : q;
}
