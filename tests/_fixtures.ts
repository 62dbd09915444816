/**
 * Builders of small, valid objects for tests: makeNode(), makePod(), makeDeployment(),
 * makeReplicaSet(), makeService(). Each takes a name, a few common knobs, and `overrides`, a
 * deep partial object merged last (objects merge key by key, arrays and scalars replace).
 *
 * The objects are as a user would write them (not defaulted); pass them through applyDefaults()
 * or admitObject() when a test needs the stored shape.
 *
 * @module
 */
import type {
  Container,
  Deployment,
  Node,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
  Service,
  Taint,
} from "../lib/api/types.ts";

/** A recursive partial: every field optional at every depth (arrays are replaced whole). */
export type DeepPartial<T> = T extends readonly unknown[] ? T
  : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> }
  : T;

/** Merges `overrides` into a copy of `base`: objects key by key, anything else replaced. */
export function merge<T>(base: T, overrides: DeepPartial<NoInfer<T>> | undefined): T {
  if (overrides === undefined) return structuredClone(base);
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(base) || !isObject(overrides)) return structuredClone(overrides as T);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(overrides)) {
    out[key] = value === undefined ? out[key] : merge(out[key], value as DeepPartial<unknown>);
  }
  return out as T;
}

/** Knobs of makeNode(). */
export interface NodeFixture {
  /** CPU capacity (default `4`). */
  cpu?: string;
  /** Memory capacity (default `8Gi`). */
  memory?: string;
  /** Pod capacity (default `110`). */
  pods?: string;
  /** Extra labels; `kubernetes.io/hostname` is always set to the name. */
  labels?: Record<string, string>;
  /** Taints of the node. */
  taints?: Taint[];
  /** Ready condition status (default true). */
  ready?: boolean;
  /** Merged last. */
  overrides?: DeepPartial<Node>;
}

/** A Ready node with 4 CPUs, 8Gi and room for 110 pods. */
export function makeNode(name = "node-1", options: NodeFixture = {}): Node {
  const capacity = {
    cpu: options.cpu ?? "4",
    memory: options.memory ?? "8Gi",
    pods: options.pods ?? "110",
  };
  const node: Node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...options.labels } },
    spec: options.taints ? { taints: options.taints } : {},
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: [{ type: "Ready", status: options.ready === false ? "False" : "True" }],
    },
  };
  return merge(node, options.overrides);
}

/** Knobs shared by the pod-making builders. */
export interface PodFixture {
  /** Namespace (default `default`). */
  namespace?: string;
  /** Pod labels (default `{ app: <name> }`). */
  labels?: Record<string, string>;
  /** Container image (default `nginx:1.27`). */
  image?: string;
  /** CPU request of the container, e.g. `100m`. */
  cpu?: string;
  /** Memory request of the container, e.g. `128Mi`. */
  memory?: string;
  /** Node the pod is bound to (pods only). */
  nodeName?: string;
}

function container(name: string, options: PodFixture): Container {
  const requests: Record<string, string> = {};
  if (options.cpu) requests.cpu = options.cpu;
  if (options.memory) requests.memory = options.memory;
  return {
    name,
    image: options.image ?? "nginx:1.27",
    ...(Object.keys(requests).length ? { resources: { requests } } : {}),
  };
}

function template(name: string, options: PodFixture): PodTemplateSpec {
  return {
    metadata: { labels: options.labels ?? { app: name } },
    spec: { containers: [container(name, options)] },
  };
}

/** A one-container pod `web` running `nginx:1.27`. */
export function makePod(
  name = "web",
  options: PodFixture & { overrides?: DeepPartial<Pod> } = {},
): Pod {
  const { metadata, spec } = template(name, options);
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: options.namespace ?? "default", ...metadata },
    spec: { ...spec, ...(options.nodeName ? { nodeName: options.nodeName } : {}) },
  };
  return merge(pod, options.overrides);
}

/** Knobs of makeDeployment() and makeReplicaSet(). */
export interface WorkloadFixture extends PodFixture {
  /** Desired pods (default 3). */
  replicas?: number;
}

/** A Deployment `web` of 3 nginx pods selected by `app: web`. */
export function makeDeployment(
  name = "web",
  options: WorkloadFixture & { overrides?: DeepPartial<Deployment> } = {},
): Deployment {
  const labels = options.labels ?? { app: name };
  const deployment: Deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: options.namespace ?? "default" },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: { ...labels } },
      template: template(name, { ...options, labels }),
    },
  };
  return merge(deployment, options.overrides);
}

/** A ReplicaSet `web` of 3 nginx pods selected by `app: web`. */
export function makeReplicaSet(
  name = "web",
  options: WorkloadFixture & { overrides?: DeepPartial<ReplicaSet> } = {},
): ReplicaSet {
  const labels = options.labels ?? { app: name };
  const replicaSet: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: options.namespace ?? "default" },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: { ...labels } },
      template: template(name, { ...options, labels }),
    },
  };
  return merge(replicaSet, options.overrides);
}

/** Knobs of makeService(). */
export interface ServiceFixture {
  /** Namespace (default `default`). */
  namespace?: string;
  /** Pod selector (default `{ app: <name> }`). */
  selector?: Record<string, string>;
  /** Service port (default 80). */
  port?: number;
  /** Target port on the pods (default: the port). */
  targetPort?: number | string;
  /** Service type (default: unset, i.e. ClusterIP). */
  type?: Service["spec"]["type"];
  /** Merged last. */
  overrides?: DeepPartial<Service>;
}

/** A Service `web` on port 80 selecting `app: web`. */
export function makeService(name = "web", options: ServiceFixture = {}): Service {
  const service: Service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: options.namespace ?? "default" },
    spec: {
      ...(options.type ? { type: options.type } : {}),
      selector: options.selector ?? { app: name },
      ports: [{
        port: options.port ?? 80,
        ...(options.targetPort !== undefined ? { targetPort: options.targetPort } : {}),
      }],
    },
  };
  return merge(service, options.overrides);
}
