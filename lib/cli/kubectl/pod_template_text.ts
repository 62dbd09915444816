/**
 * A pod template as `kubectl rollout history --revision N` prints it (kubectl's
 * DescribePodTemplate): labels, annotations, containers with image, ports, command, resources,
 * probes, environment and mounts, then volumes, node selectors and tolerations.
 *
 * @module
 */
import type { Container, PodTemplateSpec, Probe, Toleration } from "../../api/types.ts";
import { tabAlign } from "./_tab_align.ts";

const sortedKeys = (record: Record<string, unknown>): string[] => Object.keys(record).sort();

/** `  Title:\tk=v` then `  \tk2=v2`; `<none>` when empty. */
function multiline(title: string, entries: string[]): string[] {
  if (entries.length === 0) return [`${title}:\t<none>`];
  const indent = title.match(/^ */)![0];
  return entries.map((entry, i) => i === 0 ? `${title}:\t${entry}` : `${indent}\t${entry}`);
}

function probeText(probe: Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s ` +
    `period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} ` +
    `#failure=${probe.failureThreshold ?? 3}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(" ")}] ${attrs}`;
  if (probe.httpGet) {
    const { scheme, host, port, path } = probe.httpGet;
    return `http-get ${(scheme ?? "HTTP").toLowerCase()}://${host ?? ""}:${port}${
      path ?? ""
    } ${attrs}`;
  }
  if (probe.tcpSocket) {
    return `tcp-socket ${probe.tcpSocket.host ?? ""}:${probe.tcpSocket.port} ${attrs}`;
  }
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function containerLines(c: Container): string[] {
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`);
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`);
  const lines = [`   ${c.name}:`, `    Image:\t${c.image ?? ""}`];
  lines.push(
    ports.length > 1 ? `    Ports:\t${ports.join(", ")}` : `    Port:\t${ports[0] ?? "<none>"}`,
  );
  lines.push(
    hostPorts.length > 1
      ? `    Host Ports:\t${hostPorts.join(", ")}`
      : `    Host Port:\t${hostPorts[0] ?? "<none>"}`,
  );
  for (const [title, words] of [["Command", c.command], ["Args", c.args]] as const) {
    if (!words?.length) continue;
    lines.push(`    ${title}:`, ...words.flatMap((w) => w.split("\n")).map((w) => `      ${w}`));
  }
  for (
    const [title, list] of [["Limits", c.resources?.limits], [
      "Requests",
      c.resources?.requests,
    ]] as const
  ) {
    if (!list || Object.keys(list).length === 0) continue;
    lines.push(`    ${title}:`, ...sortedKeys(list).map((k) => `      ${k}:\t${list[k]}`));
  }
  for (
    const [title, probe] of [["Liveness", c.livenessProbe], ["Readiness", c.readinessProbe], [
      "Startup",
      c.startupProbe,
    ]] as const
  ) {
    if (probe) lines.push(`    ${title}:\t${probeText(probe)}`);
  }
  lines.push(c.env?.length ? "    Environment:" : "    Environment:\t<none>");
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.fieldRef;
    if (ref) lines.push(`      ${e.name}:\t (${ref.apiVersion ?? "v1"}:${ref.fieldPath})`);
    else if (e.valueFrom) {
      lines.push(`      ${e.name}:\t<set from a source kclone does not resolve>`);
    } else {(e.value ?? "").split("\n").forEach((s, i) =>
        lines.push(i === 0 ? `      ${e.name}:\t${s}` : `      \t${s}`)
      );}
  }
  const mounts = (c.volumeMounts ?? []) as {
    name: string;
    mountPath: string;
    readOnly?: boolean;
  }[];
  lines.push(mounts.length ? "    Mounts:" : "    Mounts:\t<none>");
  for (const m of mounts) {
    lines.push(`      ${m.mountPath} from ${m.name} (${m.readOnly ? "ro" : "rw"})`);
  }
  return lines;
}

function tolerationText(t: Toleration): string {
  let text = t.key ?? "";
  if (t.value) text += `=${t.value}`;
  if (t.effect) text += `:${t.effect}`;
  if (t.operator === "Exists" && !t.value) text += t.key || t.effect ? " op=Exists" : "op=Exists";
  if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
  return text;
}

/**
 * The lines of a pod template, aligned as kubectl aligns them. `changeCause` is added to the
 * annotations, as `kubectl rollout history` does with its ReplicaSet's change cause.
 *
 * @example
 * ```ts
 * import { describePodTemplate } from "./pod_template_text.ts";
 * describePodTemplate({ metadata: { labels: { app: "web" } },
 *   spec: { containers: [{ name: "web", image: "nginx" }] } })[1]; // "  Labels:       app=web"
 * ```
 */
export function describePodTemplate(template: PodTemplateSpec, changeCause?: string): string[] {
  const labels = template.metadata?.labels ?? {};
  const annotations: Record<string, string> = { ...template.metadata?.annotations };
  if (changeCause) annotations["kubernetes.io/change-cause"] = changeCause;
  const spec = template.spec;
  const lines = [
    "Pod Template:",
    ...multiline("  Labels", sortedKeys(labels).map((k) => `${k}=${labels[k]}`)),
  ];
  if (Object.keys(annotations).length > 0) {
    lines.push(
      ...multiline("  Annotations", sortedKeys(annotations).map((k) => `${k}: ${annotations[k]}`)),
    );
  }
  if (spec.serviceAccountName) lines.push(`  Service Account:\t${spec.serviceAccountName}`);
  for (
    const [title, list] of [["Init Containers", spec.initContainers], [
      "Containers",
      spec.containers,
    ]] as const
  ) {
    if (title === "Init Containers" && !list?.length) continue;
    lines.push(
      list?.length ? `  ${title}:` : `  ${title}: <none>`,
      ...(list ?? []).flatMap(containerLines),
    );
  }
  const volumes = (spec.volumes ?? []) as { name: string }[];
  lines.push(
    volumes.length ? "  Volumes:" : "  Volumes:\t<none>",
    ...volumes.map((v) => `   ${v.name}:`),
  );
  if (spec.priorityClassName) lines.push(`  Priority Class Name:\t${spec.priorityClassName}`);
  const selector = spec.nodeSelector ?? {};
  lines.push(
    ...multiline("  Node-Selectors", sortedKeys(selector).map((k) => `${k}=${selector[k]}`)),
  );
  const tolerations = [...(spec.tolerations ?? [])].sort((a, b) =>
    (a.key ?? "").localeCompare(b.key ?? "")
  );
  lines.push(...multiline("  Tolerations", tolerations.map(tolerationText)));
  return tabAlign(lines);
}
