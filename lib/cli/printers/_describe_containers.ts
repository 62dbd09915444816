/**
 * Containers, their state and resources, volumes and pod templates, as kubectl describes them.
 *
 * @module
 */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  PodTemplateSpec,
  Probe,
  ResourceRequirements,
} from "../../api/types.ts";
import { annotationLines, labelLines, rfc1123z, tolerationLines } from "./_describe_format.ts";

const pad = (level: number) => "  ".repeat(level);

function portList(container: Container, host: boolean): string {
  return (container.ports ?? []).map((p) => {
    const text = `${host ? p.hostPort ?? 0 : p.containerPort}/${p.protocol ?? "TCP"}`;
    return p.name ? `${text} (${p.name})` : text;
  }).join(", ");
}

/** `Limits:` and `Requests:` with one resource per line, sorted, at `level`. */
export function resourceLines(
  resources: ResourceRequirements | undefined,
  level: number,
): string[] {
  const lines: string[] = [];
  for (
    const [title, list] of [["Limits", resources?.limits], [
      "Requests",
      resources?.requests,
    ]] as const
  ) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) lines.push(`${pad(level)}${title}:`);
    for (const name of names) lines.push(`${pad(level + 1)}${name}:\t${list![name]}`);
  }
  return lines;
}

/** A probe as kubectl summarises it: `http-get http://:8080/healthz delay=0s timeout=1s ...`. */
export function describeProbe(probe: Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s ` +
    `period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} ` +
    `#failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(" ")}] ${attrs}`;
  if (probe.httpGet) {
    const { scheme = "HTTP", host = "", port, path = "" } = probe.httpGet;
    return `http-get ${scheme.toLowerCase()}://${host}:${port}${path} ${attrs}`;
  }
  if (probe.tcpSocket) {
    return `tcp-socket ${probe.tcpSocket.host ?? ""}:${probe.tcpSocket.port} ${attrs}`;
  }
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function stateLines(title: string, state: ContainerState | undefined): string[] {
  if (state?.running) {
    return [
      `${pad(2)}${title}:\tRunning`,
      `${pad(3)}Started:\t${rfc1123z(state.running.startedAt)}`,
    ];
  }
  const t = state?.terminated;
  if (!t) {
    const reason = state?.waiting?.reason;
    return [`${pad(2)}${title}:\tWaiting`, ...(reason ? [`${pad(3)}Reason:\t${reason}`] : [])];
  }
  return [
    `${pad(2)}${title}:\tTerminated`,
    ...(t.reason ? [`${pad(3)}Reason:\t${t.reason}`] : []),
    ...(t.message ? [`${pad(3)}Message:\t${t.message}`] : []),
    `${pad(3)}Exit Code:\t${t.exitCode}`,
    ...(t.signal ? [`${pad(3)}Signal:\t${t.signal}`] : []),
    `${pad(3)}Started:\t${rfc1123z(t.startedAt)}`,
    `${pad(3)}Finished:\t${rfc1123z(t.finishedAt)}`,
  ];
}

/**
 * A `Containers:` block: each container's image, ports, command, state (with statuses),
 * resources, probes, environment and mounts. `space` indents a pod template's block.
 */
export function containerLines(
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space = "",
): string[] {
  const lines = [`${space}${label}:${containers.length === 0 ? " <none>" : ""}`];
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    lines.push(`${pad(1)}${space ? " " : ""}${c.name}:`);
    if (status) lines.push(`${pad(2)}Container ID:\t${status.containerID ?? ""}`);
    lines.push(`${pad(2)}Image:\t${c.image ?? ""}`);
    if (status) lines.push(`${pad(2)}Image ID:\t${status.imageID ?? ""}`);
    const ports = portList(c, false);
    lines.push(`${pad(2)}${ports.includes(",") ? "Ports" : "Port"}:\t${ports || "<none>"}`);
    const hostPorts = portList(c, true);
    lines.push(
      `${pad(2)}${hostPorts.includes(",") ? "Host Ports" : "Host Port"}:\t${hostPorts || "<none>"}`,
    );
    for (const [title, words] of [["Command", c.command], ["Args", c.args]] as const) {
      if (!words?.length) continue;
      lines.push(`${pad(2)}${title}:`);
      for (const word of words) for (const part of word.split("\n")) lines.push(`${pad(3)}${part}`);
    }
    if (status) {
      lines.push(...stateLines("State", status.state));
      if (status.lastState?.terminated) lines.push(...stateLines("Last State", status.lastState));
      lines.push(`${pad(2)}Ready:\t${status.ready ? "True" : "False"}`);
      lines.push(`${pad(2)}Restart Count:\t${status.restartCount ?? 0}`);
    }
    lines.push(...resourceLines(c.resources, 2));
    if (c.livenessProbe) lines.push(`${pad(2)}Liveness:\t${describeProbe(c.livenessProbe)}`);
    if (c.readinessProbe) lines.push(`${pad(2)}Readiness:\t${describeProbe(c.readinessProbe)}`);
    if (c.startupProbe) lines.push(`${pad(2)}Startup:\t${describeProbe(c.startupProbe)}`);
    lines.push(`${pad(2)}Environment:${c.env?.length ? "" : "\t<none>"}`);
    for (const e of c.env ?? []) {
      const from = e.valueFrom?.fieldRef;
      lines.push(
        `${pad(3)}${e.name}:\t${
          from ? ` (${from.apiVersion ?? "v1"}:${from.fieldPath})` : e.value ?? ""
        }`,
      );
    }
    const mounts = (c.volumeMounts ?? []) as {
      name?: string;
      mountPath?: string;
      readOnly?: boolean;
    }[];
    lines.push(`${pad(2)}Mounts:${mounts.length ? "" : "\t<none>"}`);
    for (const m of mounts) {
      lines.push(`${pad(3)}${m.mountPath} from ${m.name} (${m.readOnly ? "ro" : "rw"})`);
    }
  }
  return lines;
}

/** `Volumes:` with each volume's name and type; `<none>` without volumes. */
export function volumeLines(volumes: readonly unknown[] | undefined, space = ""): string[] {
  const list = (volumes ?? []) as Record<string, unknown>[];
  if (list.length === 0) return [`${space}Volumes:\t<none>`];
  const lines = [`${space}Volumes:`];
  for (const volume of list) {
    lines.push(`${pad(1)}${space ? " " : ""}${volume.name}:`);
    const type = Object.keys(volume).find((k) => k !== "name");
    lines.push(`${pad(2)}Type:\t${type ? type[0].toUpperCase() + type.slice(1) : "<unknown>"}`);
  }
  return lines;
}

/** `Pod Template:` as kubectl describes a Deployment's or ReplicaSet's template. */
export function podTemplateLines(template: PodTemplateSpec): string[] {
  const spec = template.spec;
  return [
    "Pod Template:",
    ...labelLines("  Labels", template.metadata?.labels),
    ...(Object.keys(template.metadata?.annotations ?? {}).length > 0
      ? annotationLines("  Annotations", template.metadata?.annotations)
      : []),
    ...(spec.serviceAccountName ? [`  Service Account:\t${spec.serviceAccountName}`] : []),
    ...(spec.initContainers?.length
      ? containerLines("Init Containers", spec.initContainers, undefined, "  ")
      : []),
    ...containerLines("Containers", spec.containers ?? [], undefined, "  "),
    ...volumeLines(spec.volumes, "  "),
    ...(spec.priorityClassName ? [`  Priority Class Name:\t${spec.priorityClassName}`] : []),
    ...labelLines("  Node-Selectors", spec.nodeSelector),
    ...tolerationLines("  Tolerations", spec.tolerations),
  ];
}
