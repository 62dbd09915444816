/**
 * `kubectl describe namespace`, and the generic description of kinds without their own.
 *
 * @module
 */
import type { AnyObject, Namespace } from "../../api/types.ts";
import {
  annotationLines,
  type DescribeContext,
  labelLines,
  withEvents,
} from "./_describe_format.ts";
import { alignTabs } from "./tabwriter.ts";

/**
 * A Namespace as `kubectl describe namespace` prints it (kclone has no quotas or limit ranges;
 * kubectl shows no events here).
 */
export function describeNamespace(namespace: Namespace): string[] {
  return alignTabs(
    [
      `Name:\t${namespace.metadata.name}`,
      ...labelLines("Labels", namespace.metadata.labels),
      ...annotationLines("Annotations", namespace.metadata.annotations),
      `Status:\t${namespace.status?.phase ?? ""}`,
      "",
      "No resource quota.",
      "",
      "No LimitRange resource.",
    ],
  );
}

function fieldLines(value: unknown, level: number, label: string): string[] {
  const pad = "  ".repeat(level);
  if (Array.isArray(value)) {
    return [`${pad}${label}:`, ...value.flatMap((v) => fieldLines(v, level + 1, "-"))];
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return [
      ...(label === "-" ? [] : [`${pad}${label}:`]),
      ...entries.flatMap(([k, v]) => fieldLines(v, level + (label === "-" ? 0 : 1), k)),
    ];
  }
  return [`${pad}${label}:\t${value}`];
}

/**
 * Any object as kubectl's generic describer prints it: name, namespace, labels, annotations,
 * then every other field, sorted, one `Field: value` per line.
 */
export function describeObject(object: AnyObject, context: DescribeContext): string[] {
  const { metadata, ...rest } = object as AnyObject & Record<string, unknown>;
  const { name, namespace, labels, annotations, managedFields: _, ...meta } = metadata;
  return withEvents(
    [
      `Name:\t${name}`,
      `Namespace:\t${namespace ?? ""}`,
      ...labelLines("Labels", labels),
      ...annotationLines("Annotations", annotations),
      ...Object.entries({ ...rest, metadata: meta }).sort(([a], [b]) => (a < b ? -1 : 1))
        .flatMap(([k, v]) => fieldLines(v, 0, k)),
    ],
    context.events ?? [],
    context.now,
  );
}
