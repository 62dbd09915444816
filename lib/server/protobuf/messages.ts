/**
 * The protobuf messages of the kinds kclone reads in Kubernetes' protobuf encoding, by field
 * number, as the API's generated.proto files define them (k8s.io/api core/v1 and apps/v1,
 * k8s.io/apimachinery meta/v1, runtime, intstr and resource). `presence` marks Go pointer
 * fields, whose zero value is meaningful; every other field is left out when empty.
 *
 * @module
 */
import { POD_MESSAGES } from "./messages_pod.ts";
import { bool, i32, i64, list, map, msg, type ProtoFields, str } from "./proto_field.ts";

export type { ProtoField } from "./proto_field.ts";

type Fields = ProtoFields;

/**
 * `metadata` and `spec` of a top-level object. Its status (3) is skipped: a create or update of
 * the object itself leaves status to the server, as kube-apiserver does.
 */
const object = (spec: string): Fields => ({
  1: msg("metadata", "ObjectMeta"),
  2: msg("spec", spec),
  3: { name: "status", type: "ignored" },
});

/** Every message kclone decodes, by name. */
export const PROTO_MESSAGES: Record<string, Fields> = {
  ...POD_MESSAGES,
  Unknown: {
    1: msg("typeMeta", "TypeMeta"),
    2: { name: "raw", type: "bytes" },
    3: str("contentEncoding"),
    4: str("contentType"),
  },
  TypeMeta: { 1: str("apiVersion"), 2: str("kind") },
  Time: { 1: i64("seconds"), 2: i32("nanos") },
  Quantity: { 1: str("string") },
  IntOrString: { 1: i64("type"), 2: i32("intVal"), 3: str("strVal") },
  FieldsV1: { 1: { name: "Raw", type: "bytes" } },
  ObjectMeta: {
    1: str("name"),
    2: str("generateName"),
    3: str("namespace"),
    4: str("selfLink"),
    5: str("uid"),
    6: str("resourceVersion"),
    7: i64("generation"),
    8: msg("creationTimestamp", "Time"),
    9: msg("deletionTimestamp", "Time"),
    10: i64("deletionGracePeriodSeconds", true),
    11: map("labels"),
    12: map("annotations"),
    13: list("ownerReferences", "OwnerReference"),
    14: { name: "finalizers", type: "string", list: true },
    17: list("managedFields", "ManagedFieldsEntry"),
  },
  OwnerReference: {
    1: str("kind"),
    3: str("name"),
    4: str("uid"),
    5: str("apiVersion"),
    6: bool("controller", true),
    7: bool("blockOwnerDeletion", true),
  },
  ManagedFieldsEntry: {
    1: str("manager"),
    2: str("operation"),
    3: str("apiVersion"),
    4: msg("time", "Time"),
    6: str("fieldsType"),
    7: msg("fieldsV1", "FieldsV1"),
    8: str("subresource"),
  },
  LabelSelector: {
    1: map("matchLabels"),
    2: list("matchExpressions", "LabelSelectorRequirement"),
  },
  LabelSelectorRequirement: {
    1: str("key"),
    2: str("operator"),
    3: { name: "values", type: "string", list: true },
  },
  Namespace: object("NamespaceSpec"),
  NamespaceSpec: { 1: { name: "finalizers", type: "string", list: true } },
  Service: object("ServiceSpec"),
  ServiceSpec: {
    1: list("ports", "ServicePort"),
    2: map("selector"),
    3: str("clusterIP"),
    4: str("type"),
    5: { name: "externalIPs", type: "string", list: true },
    7: str("sessionAffinity"),
    8: str("loadBalancerIP"),
    9: { name: "loadBalancerSourceRanges", type: "string", list: true },
    10: str("externalName"),
    11: str("externalTrafficPolicy"),
    12: i32("healthCheckNodePort"),
    13: bool("publishNotReadyAddresses"),
    14: msg("sessionAffinityConfig", "SessionAffinityConfig", true),
    17: { ...str("ipFamilyPolicy"), presence: true },
    18: { name: "clusterIPs", type: "string", list: true },
    19: { name: "ipFamilies", type: "string", list: true },
    20: bool("allocateLoadBalancerNodePorts", true),
    21: { ...str("loadBalancerClass"), presence: true },
    22: { ...str("internalTrafficPolicy"), presence: true },
  },
  ServicePort: {
    1: str("name"),
    2: str("protocol"),
    3: i32("port"),
    4: msg("targetPort", "IntOrString"),
    5: i32("nodePort"),
    6: { ...str("appProtocol"), presence: true },
  },
  SessionAffinityConfig: { 1: msg("clientIP", "ClientIPConfig", true) },
  ClientIPConfig: { 1: i32("timeoutSeconds", true) },
  Deployment: object("DeploymentSpec"),
  DeploymentSpec: {
    1: i32("replicas", true),
    2: msg("selector", "LabelSelector", true),
    3: msg("template", "PodTemplateSpec"),
    4: msg("strategy", "DeploymentStrategy"),
    5: i32("minReadySeconds"),
    6: i32("revisionHistoryLimit", true),
    7: bool("paused"),
    9: i32("progressDeadlineSeconds", true),
  },
  DeploymentStrategy: { 1: str("type"), 2: msg("rollingUpdate", "RollingUpdateDeployment", true) },
  RollingUpdateDeployment: {
    1: msg("maxUnavailable", "IntOrString", true),
    2: msg("maxSurge", "IntOrString", true),
  },
  ReplicaSet: object("ReplicaSetSpec"),
  ReplicaSetSpec: {
    1: i32("replicas", true),
    2: msg("selector", "LabelSelector", true),
    3: msg("template", "PodTemplateSpec"),
    4: i32("minReadySeconds"),
  },
  Pod: object("PodSpec"),
  PodTemplateSpec: { 1: msg("metadata", "ObjectMeta"), 2: msg("spec", "PodSpec") },
};

/** The message of each kind a protobuf body may carry. */
export const TOP_LEVEL_MESSAGES: Record<string, string> = {
  Namespace: "Namespace",
  Service: "Service",
  Deployment: "Deployment",
  ReplicaSet: "ReplicaSet",
  Pod: "Pod",
};
