/**
 * Kubernetes' defaulters for pods and pod templates (core/v1 SetDefaults_PodSpec, _Container,
 * _Probe, _Pod). They mutate the copy that applyDefaults owns.
 *
 * @module
 */
import type { Container, Pod, PodSpec, Probe } from "./types.ts";
import { podQOSClass } from "./_defaults_qos.ts";

/** The pull policy Kubernetes picks for an image: Always for `:latest` or no tag. */
export function pullPolicyFor(image: string): "Always" | "IfNotPresent" {
  const [name, digest] = image.split("@", 2);
  const last = name.slice(name.lastIndexOf("/") + 1);
  const colon = last.indexOf(":");
  const tag = colon >= 0 ? last.slice(colon + 1) : digest ? "" : "latest";
  return tag === "latest" ? "Always" : "IfNotPresent";
}

function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  if (probe.httpGet) {
    probe.httpGet.path ||= "/";
    probe.httpGet.scheme ||= "HTTP";
  }
}

function defaultContainer(container: Container): void {
  container.terminationMessagePath ||= "/dev/termination-log";
  container.terminationMessagePolicy ||= "File";
  container.imagePullPolicy ||= pullPolicyFor(container.image ?? "");
  for (const port of container.ports ?? []) port.protocol ||= "TCP";
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
  for (const env of container.env ?? []) {
    const ref = env.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ||= "v1";
  }
}

/** Defaults a pod spec, as in a Pod or in a workload's pod template. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ||= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ||= "ClusterFirst";
  spec.schedulerName ||= "default-scheduler";
  for (const container of spec.containers ?? []) defaultContainer(container);
  for (const container of spec.initContainers ?? []) defaultContainer(container);
}

/** Defaults a Pod: its spec, requests from limits, and the status a new pod starts with. */
export function defaultPod(pod: Pod): void {
  pod.spec ??= { containers: [] };
  defaultPodSpec(pod.spec);
  for (const container of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
    const limits = container.resources?.limits;
    if (!limits || Object.keys(limits).length === 0) continue;
    const requests = container.resources!.requests ??= {};
    for (const [name, value] of Object.entries(limits)) requests[name] ??= value;
  }
  pod.status ??= {};
  pod.status.phase ??= "Pending";
  pod.status.qosClass ??= podQOSClass(pod.spec);
}
