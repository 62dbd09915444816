/**
 * The pieces every `describe` shares, written as kubectl's describe writes them: tab-separated
 * lines that alignTabs() lines up.
 *
 * @module
 */
import type { Event, Taint, Toleration } from "../../api/types.ts";
import { age } from "./age.ts";
import { alignTabs } from "./tabwriter.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A timestamp as Go's RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:00 +0000`; `<unset>` if absent. */
export function rfc1123z(timestamp: string | null | undefined): string {
  const time = timestamp ? new Date(timestamp) : undefined;
  if (!time || Number.isNaN(time.getTime())) return "<unset>";
  const two = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[time.getUTCDay()]}, ${two(time.getUTCDate())} ${MONTHS[time.getUTCMonth()]} ` +
    `${time.getUTCFullYear()} ${two(time.getUTCHours())}:${two(time.getUTCMinutes())}:` +
    `${two(time.getUTCSeconds())} +0000`;
}

/** One entry per line under a title: `Title:\tfirst`, then `\tsecond`; `<none>` when empty. */
function multiline(title: string, entries: string[]): string[] {
  if (entries.length === 0) return [`${title}:\t<none>`];
  return entries.map((entry, i) => i === 0 ? `${title}:\t${entry}` : `\t${entry}`);
}

/** `Labels:` with one `key=value` per line, sorted by key. */
export function labelLines(title: string, labels: Record<string, string> | undefined): string[] {
  const keys = Object.keys(labels ?? {}).sort();
  return multiline(title, keys.map((k) => `${k}=${labels![k]}`));
}

const MAX_ANNOTATION = 140;

/**
 * `Annotations:` with one `key: value` per line, sorted, without kubectl's last-applied
 * configuration; long or multi-line values go under their key, cut at 138 characters.
 */
export function annotationLines(
  title: string,
  annotations: Record<string, string> | undefined,
): string[] {
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== "kubectl.kubernetes.io/last-applied-configuration").sort();
  if (keys.length === 0) return [`${title}:\t<none>`];
  const lines: string[] = [];
  keys.forEach((key, i) => {
    const prefix = i === 0 ? `${title}:\t` : "\t";
    const value = annotations![key].replace(/\n$/, "");
    if (value.length + key.length + 2 > MAX_ANNOTATION || value.includes("\n")) {
      lines.push(`${prefix}${key}:`);
      for (const part of value.split("\n")) {
        const cut = part.length > MAX_ANNOTATION - 2
          ? `${part.slice(0, MAX_ANNOTATION - 2)}...`
          : part;
        lines.push(`\t  ${cut}`);
      }
    } else lines.push(`${prefix}${key}: ${value}`);
  });
  return lines;
}

/** A taint as Kubernetes writes it: `key=value:Effect`. */
export function taintString(taint: Taint): string {
  const value = taint.value ? `=${taint.value}` : "";
  return taint.effect
    ? `${taint.key}${value}:${taint.effect}`
    : `${taint.key}${value}${value ? ":" : ""}`;
}

/** `Taints:` one per line, sorted by effect then key. */
export function taintLines(title: string, taints: readonly Taint[] | undefined): string[] {
  const sorted = [...(taints ?? [])].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return multiline(title, sorted.map(taintString));
}

/** `Tolerations:` one per line, sorted by key: `key=value:Effect op=Exists for 300s`. */
export function tolerationLines(
  title: string,
  tolerations: readonly Toleration[] | undefined,
): string[] {
  const sorted = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0
  );
  return multiline(
    title,
    sorted.map((t) => {
      let text = t.key ?? "";
      if (t.value) text += `=${t.value}`;
      if (t.effect) text += `:${t.effect}`;
      if (t.operator === "Exists" && !t.value) {
        text += t.key || t.effect ? " op=Exists" : "op=Exists";
      }
      if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
      return text;
    }),
  );
}

/**
 * The end of every describe: the body aligned, then the Events table aligned on its own (kubectl
 * flushes its tabwriter before it), oldest first, as `Type Reason Age From Message`; a repeated
 * event's age reads `5s (x3 over 2m)`. Without events, `Events: <none>` joins the body.
 */
export function withEvents(body: string[], events: readonly Event[], now: number): string[] {
  if (events.length === 0) return alignTabs([...body, "Events:\t<none>"]);
  const time = (e: Event) => e.lastTimestamp ?? e.eventTime ?? "";
  const sorted = [...events].sort((a, b) => (time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : 0));
  const rows = sorted.map((e) => {
    const first = e.eventTime ? age(e.eventTime, now) : age(e.firstTimestamp, now);
    const interval = (e.count ?? 0) > 1
      ? `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`
      : first;
    const source = e.source?.component || e.reportingComponent || "";
    const message = (e.message ?? "").trim();
    const text = e.involvedObject.fieldPath ? `${e.involvedObject.fieldPath}: ${message}` : message;
    return `  ${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${text}`;
  });
  return [
    ...alignTabs(body),
    ...alignTabs([
      "Events:",
      "  Type\tReason\tAge\tFrom\tMessage",
      "  ----\t------\t----\t----\t-------",
      ...rows,
    ]),
  ];
}

/** What every describer is given besides the object. */
export interface DescribeContext {
  /** The time ages are measured to (milliseconds since the epoch). */
  now: number;
  /** Events about the object (any order). */
  events?: readonly Event[];
}

/** `Kind/name` of the object's controller (`ReplicaSet/web-5d4f8`), if it has one. */
export function controllerOf(
  metadata: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] },
): string | undefined {
  const owner = metadata.ownerReferences?.find((o) => o.controller);
  return owner ? `${owner.kind}/${owner.name}` : undefined;
}
