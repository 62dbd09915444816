/**
 * Kubernetes object shapes, with the field names of the Kubernetes API reference
 * (core/v1, apps/v1, coordination.k8s.io/v1). Only type declarations live here.
 *
 * Fields that Kubernetes has but kclone does not act on yet are still accepted by validation and
 * kept on the object; their types are loose (`unknown`) where kclone never reads them.
 *
 * @module
 */

/** A Kubernetes quantity as text, e.g. `500m`, `128Mi`, `2`. */
export type Quantity = string;

/** A port given as a number or as a named container port (Kubernetes' IntOrString). */
export type IntOrString = number | string;

/** An owner of an object, used by the garbage collector. */
export interface OwnerReference {
  /** API version of the owner, e.g. `apps/v1`. */
  apiVersion: string;
  /** Kind of the owner, e.g. `ReplicaSet`. */
  kind: string;
  /** Name of the owner. */
  name: string;
  /** UID of the owner. */
  uid: string;
  /** True when the owner is the managing controller. */
  controller?: boolean;
  /** Whether the owner waits for this object in foreground deletion. */
  blockOwnerDeletion?: boolean;
}

/** Standard object metadata. */
export interface ObjectMeta {
  /** Unique name within the namespace (or cluster, for cluster-scoped kinds). */
  name?: string;
  /** Prefix from which the server makes a unique name when `name` is empty. */
  generateName?: string;
  /** Namespace of a namespaced object. */
  namespace?: string;
  /** Unique id set by the store on create. */
  uid?: string;
  /** Version of this object in the store; stale versions are rejected on update. */
  resourceVersion?: string;
  /** Bumped by the store whenever `spec` changes. */
  generation?: number;
  /** When the store created the object (RFC 3339). */
  creationTimestamp?: string;
  /** When deletion was requested (RFC 3339). */
  deletionTimestamp?: string;
  /** Seconds allowed for graceful deletion. */
  deletionGracePeriodSeconds?: number;
  /** Identifying key/value pairs, matched by selectors. */
  labels?: Record<string, string>;
  /** Non-identifying key/value pairs. */
  annotations?: Record<string, string>;
  /** Objects that own this one. */
  ownerReferences?: OwnerReference[];
  /** Keys that must be cleared before the object is removed. */
  finalizers?: string[];
  /** Server-side apply bookkeeping, kept as given. */
  managedFields?: unknown[];
}

/** Metadata of a list response. */
export interface ListMeta {
  /** The store's revision when the list was taken. */
  resourceVersion?: string;
  /** Continue token for paged lists. */
  continue?: string;
}

/** Every Kubernetes object: type meta plus object metadata. */
export interface KubeObject {
  /** API group and version, e.g. `v1` or `apps/v1`. */
  apiVersion: string;
  /** Kind, e.g. `Pod`. */
  kind: string;
  /** Object metadata. */
  metadata: ObjectMeta;
}

/** A set-based label requirement of a LabelSelector. */
export interface LabelSelectorRequirement {
  /** Label key. */
  key: string;
  /** One of In, NotIn, Exists, DoesNotExist. */
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  /** Values for In and NotIn. */
  values?: string[];
}

/** A label selector as objects write it (matchLabels AND matchExpressions). */
export interface LabelSelector {
  /** Labels that must be equal. */
  matchLabels?: Record<string, string>;
  /** Set-based requirements. */
  matchExpressions?: LabelSelectorRequirement[];
}

/** A condition as Kubernetes reports it in status. */
export interface Condition {
  /** Condition type, e.g. `Ready`. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: "True" | "False" | "Unknown";
  /** Machine-readable reason. */
  reason?: string;
  /** Human-readable message. */
  message?: string;
  /** When the status last changed. */
  lastTransitionTime?: string;
  /** When the condition was last probed (pods) or updated (deployments). */
  lastProbeTime?: string | null;
  /** When the condition was last updated. */
  lastUpdateTime?: string;
  /** When a node last reported this condition. */
  lastHeartbeatTime?: string;
}

// ---------------------------------------------------------------- Namespace

/** A Namespace (v1). */
export interface Namespace extends KubeObject {
  /** Finalizers of the namespace. */
  spec?: { finalizers?: string[] };
  /** Phase: Active or Terminating. */
  status?: { phase?: "Active" | "Terminating" };
}

// ---------------------------------------------------------------- Node

/** A taint on a node. */
export interface Taint {
  /** Taint key. */
  key: string;
  /** Taint value. */
  value?: string;
  /** NoSchedule, PreferNoSchedule or NoExecute. */
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  /** When a NoExecute taint was added. */
  timeAdded?: string;
}

/** A node address. */
export interface NodeAddress {
  /** InternalIP, ExternalIP, Hostname, ... */
  type: string;
  /** The address. */
  address: string;
}

/** Node spec (v1). */
export interface NodeSpec {
  /** A cordoned node takes no new pods. */
  unschedulable?: boolean;
  /** Taints that repel pods without a matching toleration. */
  taints?: Taint[];
  /** The pod IP range of the node. */
  podCIDR?: string;
  /** All pod IP ranges of the node. */
  podCIDRs?: string[];
  /** Cloud provider id. */
  providerID?: string;
}

/** Node status (v1). */
export interface NodeStatus {
  /** Total resources of the node. */
  capacity?: Record<string, Quantity>;
  /** Resources available to pods. */
  allocatable?: Record<string, Quantity>;
  /** Ready, MemoryPressure, ... */
  conditions?: Condition[];
  /** Addresses of the node. */
  addresses?: NodeAddress[];
  /** Node phase (deprecated in Kubernetes, kept for completeness). */
  phase?: string;
  /** Facts about the node's software. */
  nodeInfo?: Record<string, string>;
}

/** A Node (v1). */
export interface Node extends KubeObject {
  /** Desired node settings. */
  spec?: NodeSpec;
  /** Observed node state. */
  status?: NodeStatus;
}

// ---------------------------------------------------------------- Pod

/** A reference to a field of the pod, for env values. */
export interface ObjectFieldSelector {
  /** e.g. `metadata.name`, `status.podIP`. */
  fieldPath: string;
  /** Version of the schema the path is written in. */
  apiVersion?: string;
}

/** An environment variable of a container. */
export interface EnvVar {
  /** Variable name. */
  name: string;
  /** Literal value; `$(VAR)` references are expanded. */
  value?: string;
  /** Source of the value. */
  valueFrom?: {
    fieldRef?: ObjectFieldSelector;
    resourceFieldRef?: unknown;
    configMapKeyRef?: unknown;
    secretKeyRef?: unknown;
  };
}

/** A port a container listens on. */
export interface ContainerPort {
  /** Port number in the pod. */
  containerPort: number;
  /** Name that services may target. */
  name?: string;
  /** TCP, UDP or SCTP. */
  protocol?: "TCP" | "UDP" | "SCTP";
  /** Port on the host. */
  hostPort?: number;
  /** Host IP to bind. */
  hostIP?: string;
}

/** Compute resources of a container. */
export interface ResourceRequirements {
  /** The most a container may use. */
  limits?: Record<string, Quantity>;
  /** What the scheduler reserves for the container. */
  requests?: Record<string, Quantity>;
}

/** An HTTP header for an httpGet probe. */
export interface HTTPHeader {
  /** Header name. */
  name: string;
  /** Header value. */
  value: string;
}

/** A health check of a container. */
export interface Probe {
  /** Run a command; exit 0 is success. */
  exec?: { command?: string[] };
  /** An HTTP GET; 200-399 is success. */
  httpGet?: {
    path?: string;
    port: IntOrString;
    host?: string;
    scheme?: "HTTP" | "HTTPS";
    httpHeaders?: HTTPHeader[];
  };
  /** A TCP connect. */
  tcpSocket?: { port: IntOrString; host?: string };
  /** A gRPC health check. */
  grpc?: { port: number; service?: string };
  /** Seconds after start before the first probe. */
  initialDelaySeconds?: number;
  /** Seconds between probes. */
  periodSeconds?: number;
  /** Seconds before a probe times out. */
  timeoutSeconds?: number;
  /** Consecutive failures that count as failed. */
  failureThreshold?: number;
  /** Consecutive successes that count as succeeded. */
  successThreshold?: number;
  /** Grace period override on liveness failure. */
  terminationGracePeriodSeconds?: number;
}

/** A container of a pod. */
export interface Container {
  /** DNS-1123 label, unique in the pod. */
  name: string;
  /** Image reference. */
  image?: string;
  /** Entrypoint (no shell). */
  command?: string[];
  /** Arguments to the entrypoint. */
  args?: string[];
  /** Working directory. */
  workingDir?: string;
  /** Environment variables. */
  env?: EnvVar[];
  /** Bulk environment sources. */
  envFrom?: unknown[];
  /** Ports the container listens on. */
  ports?: ContainerPort[];
  /** Requests and limits. */
  resources?: ResourceRequirements;
  /** Restarts the container when it fails. */
  livenessProbe?: Probe;
  /** Gates traffic to the container. */
  readinessProbe?: Probe;
  /** Holds other probes until the container has started. */
  startupProbe?: Probe;
  /** Always, IfNotPresent or Never. */
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  /** Volumes mounted in the container. */
  volumeMounts?: unknown[];
  /** Hooks around start and stop. */
  lifecycle?: unknown;
  /** Security options. */
  securityContext?: unknown;
  /** Path of the termination message file. */
  terminationMessagePath?: string;
  /** File or FallbackToLogsOnError. */
  terminationMessagePolicy?: string;
  /** Allocate a stdin buffer. */
  stdin?: boolean;
  /** Allocate a TTY. */
  tty?: boolean;
}

/** A node selector requirement (node affinity). */
export interface NodeSelectorRequirement {
  /** Node label key. */
  key: string;
  /** In, NotIn, Exists, DoesNotExist, Gt, Lt. */
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";
  /** Values (one integer for Gt and Lt). */
  values?: string[];
}

/** One term of a node selector: all its requirements must hold. */
export interface NodeSelectorTerm {
  /** Requirements on node labels. */
  matchExpressions?: NodeSelectorRequirement[];
  /** Requirements on node fields. */
  matchFields?: NodeSelectorRequirement[];
}

/** A weighted node preference. */
export interface PreferredSchedulingTerm {
  /** 1-100. */
  weight: number;
  /** The preferred nodes. */
  preference: NodeSelectorTerm;
}

/** Node affinity of a pod. */
export interface NodeAffinity {
  /** Hard rule: the terms are ORed. */
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
  /** Soft rule: weights add to a node's score. */
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

/** A pod (anti-)affinity term. */
export interface PodAffinityTerm {
  /** Pods this term is about. */
  labelSelector?: LabelSelector;
  /** Namespaces of those pods (default: the pod's own). */
  namespaces?: string[];
  /** Namespaces chosen by label. */
  namespaceSelector?: LabelSelector;
  /** Node label that defines "together", e.g. kubernetes.io/hostname. */
  topologyKey: string;
}

/** A weighted pod (anti-)affinity term. */
export interface WeightedPodAffinityTerm {
  /** 1-100. */
  weight: number;
  /** The term. */
  podAffinityTerm: PodAffinityTerm;
}

/** Pod affinity or anti-affinity. */
export interface PodAffinity {
  /** Hard rules. */
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  /** Soft rules. */
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
}

/** Scheduling constraints of a pod. */
export interface Affinity {
  /** Constraints on nodes. */
  nodeAffinity?: NodeAffinity;
  /** Be near pods like these. */
  podAffinity?: PodAffinity;
  /** Keep away from pods like these. */
  podAntiAffinity?: PodAffinity;
}

/** A toleration of a pod for node taints. */
export interface Toleration {
  /** Taint key; empty with Exists tolerates every taint. */
  key?: string;
  /** Equal (default) or Exists; Gt and Lt compare numbers. */
  operator?: "Equal" | "Exists" | "Gt" | "Lt";
  /** Taint value. */
  value?: string;
  /** Effect to tolerate; empty means all. */
  effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  /** How long a NoExecute taint is tolerated. */
  tolerationSeconds?: number;
}

/** Pod spec (v1). */
export interface PodSpec {
  /** The containers of the pod. */
  containers: Container[];
  /** Containers run to completion before the others. */
  initContainers?: Container[];
  /** Node the pod is bound to. */
  nodeName?: string;
  /** Node labels that must all match. */
  nodeSelector?: Record<string, string>;
  /** Scheduling constraints. */
  affinity?: Affinity;
  /** Tolerations of node taints. */
  tolerations?: Toleration[];
  /** Always, OnFailure or Never. */
  restartPolicy?: "Always" | "OnFailure" | "Never";
  /** Seconds between SIGTERM and SIGKILL. */
  terminationGracePeriodSeconds?: number;
  /** Deadline for the pod to run. */
  activeDeadlineSeconds?: number;
  /** Which scheduler places the pod. */
  schedulerName?: string;
  /** Pod priority. */
  priority?: number;
  /** Name of the priority class. */
  priorityClassName?: string;
  /** Service account. */
  serviceAccountName?: string;
  /** ClusterFirst, Default, ... */
  dnsPolicy?: string;
  /** Host name of the pod. */
  hostname?: string;
  /** Subdomain of the pod. */
  subdomain?: string;
  /** Use the node's network. */
  hostNetwork?: boolean;
  /** Volumes of the pod. */
  volumes?: unknown[];
  /** Pod security options. */
  securityContext?: unknown;
  /** Pull secrets. */
  imagePullSecrets?: unknown[];
  /** Spread constraints. */
  topologySpreadConstraints?: unknown[];
}

/** The state of a container. */
export interface ContainerState {
  /** Waiting, with a reason such as ContainerCreating or CrashLoopBackOff. */
  waiting?: { reason?: string; message?: string };
  /** Running since. */
  running?: { startedAt?: string };
  /** Terminated, with exit code and reason. */
  terminated?: {
    exitCode: number;
    signal?: number;
    reason?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
  };
}

/** Status of one container. */
export interface ContainerStatus {
  /** Container name. */
  name: string;
  /** Current state. */
  state?: ContainerState;
  /** Previous termination. */
  lastState?: ContainerState;
  /** Passed its readiness probe. */
  ready: boolean;
  /** Times restarted. */
  restartCount: number;
  /** Image. */
  image: string;
  /** Image id. */
  imageID?: string;
  /** Runtime id, e.g. a process id. */
  containerID?: string;
  /** Past its startup probe. */
  started?: boolean;
}

/** Pod status (v1). */
export interface PodStatus {
  /** Pending, Running, Succeeded, Failed or Unknown. */
  phase?: "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";
  /** PodScheduled, Initialized, ContainersReady, Ready. */
  conditions?: Condition[];
  /** Why the pod is in this state. */
  reason?: string;
  /** Human-readable details. */
  message?: string;
  /** The pod's IP. */
  podIP?: string;
  /** All IPs of the pod. */
  podIPs?: { ip: string }[];
  /** The node's IP. */
  hostIP?: string;
  /** When the kubelet started the pod. */
  startTime?: string;
  /** Per-container status. */
  containerStatuses?: ContainerStatus[];
  /** Per-init-container status. */
  initContainerStatuses?: ContainerStatus[];
  /** Guaranteed, Burstable or BestEffort. */
  qosClass?: "Guaranteed" | "Burstable" | "BestEffort";
  /** Node chosen for preemption. */
  nominatedNodeName?: string;
}

/** A Pod (v1). */
export interface Pod extends KubeObject {
  /** Desired state. */
  spec: PodSpec;
  /** Observed state. */
  status?: PodStatus;
}

/** A pod template of a workload. */
export interface PodTemplateSpec {
  /** Metadata given to each pod. */
  metadata?: ObjectMeta;
  /** Spec of each pod. */
  spec: PodSpec;
}

// ---------------------------------------------------------------- ReplicaSet

/** ReplicaSet spec (apps/v1). */
export interface ReplicaSetSpec {
  /** Desired pod count (default 1). */
  replicas?: number;
  /** Pods the ReplicaSet owns; must match the template's labels. */
  selector: LabelSelector;
  /** Template of new pods. */
  template: PodTemplateSpec;
  /** Seconds a pod must be ready to count as available. */
  minReadySeconds?: number;
}

/** ReplicaSet status (apps/v1). */
export interface ReplicaSetStatus {
  /** Pods that exist. */
  replicas: number;
  /** Pods whose labels match the template. */
  fullyLabeledReplicas?: number;
  /** Ready pods. */
  readyReplicas?: number;
  /** Available pods. */
  availableReplicas?: number;
  /** Generation last acted upon. */
  observedGeneration?: number;
  /** Conditions. */
  conditions?: Condition[];
}

/** A ReplicaSet (apps/v1). */
export interface ReplicaSet extends KubeObject {
  /** Desired state. */
  spec: ReplicaSetSpec;
  /** Observed state. */
  status?: ReplicaSetStatus;
}

// ---------------------------------------------------------------- Deployment

/** How a Deployment replaces old pods. */
export interface DeploymentStrategy {
  /** RollingUpdate (default) or Recreate. */
  type?: "RollingUpdate" | "Recreate";
  /** Bounds of a rolling update, as counts or percents. */
  rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString };
}

/** Deployment spec (apps/v1). */
export interface DeploymentSpec {
  /** Desired pod count (default 1). */
  replicas?: number;
  /** Pods the Deployment owns; must match the template's labels. */
  selector: LabelSelector;
  /** Template of new pods. */
  template: PodTemplateSpec;
  /** How to replace pods. */
  strategy?: DeploymentStrategy;
  /** Seconds a pod must be ready to count as available. */
  minReadySeconds?: number;
  /** Old ReplicaSets kept for rollback (default 10). */
  revisionHistoryLimit?: number;
  /** A paused Deployment does not roll out. */
  paused?: boolean;
  /** Seconds before a stalled rollout is reported (default 600). */
  progressDeadlineSeconds?: number;
}

/** Deployment status (apps/v1). */
export interface DeploymentStatus {
  /** Generation last acted upon. */
  observedGeneration?: number;
  /** Pods that exist. */
  replicas?: number;
  /** Pods with the current template. */
  updatedReplicas?: number;
  /** Ready pods. */
  readyReplicas?: number;
  /** Available pods. */
  availableReplicas?: number;
  /** Unavailable pods. */
  unavailableReplicas?: number;
  /** Available and Progressing. */
  conditions?: Condition[];
  /** Bumped on hash collisions. */
  collisionCount?: number;
}

/** A Deployment (apps/v1). */
export interface Deployment extends KubeObject {
  /** Desired state. */
  spec: DeploymentSpec;
  /** Observed state. */
  status?: DeploymentStatus;
}

// ---------------------------------------------------------------- Service

/** A port of a Service. */
export interface ServicePort {
  /** Name, required when there are several ports. */
  name?: string;
  /** TCP (default), UDP or SCTP. */
  protocol?: "TCP" | "UDP" | "SCTP";
  /** Port on the ClusterIP. */
  port: number;
  /** Port (or named port) on the pods; defaults to `port`. */
  targetPort?: IntOrString;
  /** Port on every node, for NodePort and LoadBalancer. */
  nodePort?: number;
  /** Application protocol hint. */
  appProtocol?: string;
}

/** Service spec (v1). */
export interface ServiceSpec {
  /** ClusterIP (default), NodePort, LoadBalancer or ExternalName. */
  type?: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
  /** Pods that receive traffic. */
  selector?: Record<string, string>;
  /** Ports of the service. */
  ports?: ServicePort[];
  /** The virtual IP; `None` for a headless service. */
  clusterIP?: string;
  /** All virtual IPs. */
  clusterIPs?: string[];
  /** None or ClientIP. */
  sessionAffinity?: "None" | "ClientIP";
  /** External name for ExternalName services. */
  externalName?: string;
  /** External IPs. */
  externalIPs?: string[];
  /** Cluster or Local. */
  externalTrafficPolicy?: string;
  /** Cluster or Local. */
  internalTrafficPolicy?: string;
  /** IPv4 and/or IPv6. */
  ipFamilies?: string[];
  /** SingleStack, PreferDualStack, RequireDualStack. */
  ipFamilyPolicy?: string;
  /** Requested load balancer IP. */
  loadBalancerIP?: string;
  /** Publish addresses of pods that are not ready. */
  publishNotReadyAddresses?: boolean;
}

/** Service status (v1). */
export interface ServiceStatus {
  /** The load balancer's ingress points; empty while pending. */
  loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
  /** Conditions. */
  conditions?: Condition[];
}

/** A Service (v1). */
export interface Service extends KubeObject {
  /** Desired state. */
  spec: ServiceSpec;
  /** Observed state. */
  status?: ServiceStatus;
}

// ---------------------------------------------------------------- Endpoints

/** One address of an Endpoints subset. */
export interface EndpointAddress {
  /** Pod IP. */
  ip: string;
  /** Node of the pod. */
  nodeName?: string;
  /** Host name. */
  hostname?: string;
  /** The pod behind the address. */
  targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
}

/** One port of an Endpoints subset. */
export interface EndpointPort {
  /** Matches the service port name. */
  name?: string;
  /** Port on the pod. */
  port: number;
  /** TCP, UDP or SCTP. */
  protocol?: "TCP" | "UDP" | "SCTP";
}

/** A set of addresses that share ports. */
export interface EndpointSubset {
  /** Ready addresses. */
  addresses?: EndpointAddress[];
  /** Addresses that are not ready. */
  notReadyAddresses?: EndpointAddress[];
  /** Ports. */
  ports?: EndpointPort[];
}

/** Endpoints (v1): the backends of a Service. */
export interface Endpoints extends KubeObject {
  /** Groups of addresses and ports. */
  subsets?: EndpointSubset[];
}

// ---------------------------------------------------------------- Event

/** An Event (v1): something that happened to an object. */
export interface Event extends KubeObject {
  /** The object it happened to. */
  involvedObject: {
    kind?: string;
    namespace?: string;
    name?: string;
    uid?: string;
    apiVersion?: string;
    resourceVersion?: string;
    fieldPath?: string;
  };
  /** Short reason, e.g. FailedScheduling. */
  reason?: string;
  /** Human-readable description. */
  message?: string;
  /** Normal or Warning. */
  type?: "Normal" | "Warning";
  /** Component that reported it. */
  source?: { component?: string; host?: string };
  /** First time seen. */
  firstTimestamp?: string;
  /** Last time seen. */
  lastTimestamp?: string;
  /** Times seen. */
  count?: number;
  /** Precise time of the event. */
  eventTime?: string | null;
  /** Controller that emitted it. */
  reportingComponent?: string;
  /** Instance of that controller. */
  reportingInstance?: string;
  /** What was done. */
  action?: string;
}

// ---------------------------------------------------------------- Lease

/** Lease spec (coordination.k8s.io/v1). */
export interface LeaseSpec {
  /** Current holder. */
  holderIdentity?: string;
  /** Seconds the lease lasts without renewal. */
  leaseDurationSeconds?: number;
  /** When the holder acquired it. */
  acquireTime?: string;
  /** When the holder last renewed it. */
  renewTime?: string;
  /** Times the lease changed hands. */
  leaseTransitions?: number;
}

/** A Lease (coordination.k8s.io/v1): node heartbeats and leader election. */
export interface Lease extends KubeObject {
  /** Lease spec. */
  spec?: LeaseSpec;
}

// ---------------------------------------------------------------- RangeAllocation

/**
 * A RangeAllocation (v1): the allocation state of a range, as kube-apiserver keeps the service
 * IP range and the node port range (`/registry/ranges/serviceips`, `.../servicenodeports`).
 * Internal: stored and snapshotted, never served to users.
 */
export interface RangeAllocation extends KubeObject {
  /** The range: a CIDR (`10.96.0.0/12`) or a port range (`30000-32767`). */
  range: string;
  /** Bitmap of the allocated offsets, base64 (bit n of a big-endian integer marks offset n). */
  data: string;
}

// ---------------------------------------------------------------- kinds

/** The kinds kclone stores (RangeAllocation is internal: stored, not served). */
export type Kind =
  | "Namespace"
  | "Node"
  | "Pod"
  | "ReplicaSet"
  | "Deployment"
  | "Service"
  | "Endpoints"
  | "Event"
  | "Lease"
  | "RangeAllocation";

/** Maps each kind to its object type. */
export interface KindMap {
  /** Namespace. */
  Namespace: Namespace;
  /** Node. */
  Node: Node;
  /** Pod. */
  Pod: Pod;
  /** ReplicaSet. */
  ReplicaSet: ReplicaSet;
  /** Deployment. */
  Deployment: Deployment;
  /** Service. */
  Service: Service;
  /** Endpoints. */
  Endpoints: Endpoints;
  /** Event. */
  Event: Event;
  /** Lease. */
  Lease: Lease;
  /** RangeAllocation (internal). */
  RangeAllocation: RangeAllocation;
}

/** Any object kclone serves. */
export type AnyObject = KindMap[Kind];
