/**
 * kclone's printers: pure functions from objects (and a fixed "now") to the lines kubectl would
 * print. Tables (`get`), descriptions (`describe`), object formats (`-o json|yaml|name`), the
 * scheduler's explanation, ages and colour.
 *
 * @example
 * ```ts
 * import { resourceTable } from "./mod.ts";
 * const pod = {
 *   apiVersion: "v1", kind: "Pod",
 *   metadata: { name: "web", creationTimestamp: "2026-01-01T00:00:00Z" },
 *   spec: { containers: [{ name: "web", image: "nginx" }] },
 *   status: { phase: "Pending" as const },
 * };
 * console.log(resourceTable("Pod", [pod], Date.parse("2026-01-01T00:03:02Z")));
 * // NAME   READY   STATUS    RESTARTS   AGE
 * // web    0/1     Pending   0          3m2s
 * ```
 *
 * @module
 */
export { age, humanDuration } from "./age.ts";
export { type Colour, colourStatus, paint, statusColour, visibleLength } from "./colour.ts";
export { formatLabels, type KindColumns, orNone } from "./columns.ts";
export { podColumns } from "./columns_pod.ts";
export { nodeColumns, nodeRoles, nodeStatus } from "./columns_node.ts";
export { containerCells, deploymentColumns, replicaSetColumns } from "./columns_workloads.ts";
export {
  endpointsColumns,
  formatEndpoints,
  serviceColumns,
  serviceExternalIP,
  servicePorts,
} from "./columns_service.ts";
export { eventColumns, eventObject, leaseColumns, namespaceColumns } from "./columns_misc.ts";
export { type PodStatusCells, podStatusCells } from "./pod_status.ts";
export {
  COLUMNS,
  resourceRows,
  resourceTable,
  type ResourceTableOptions,
  type TableParts,
} from "./resource_table.ts";
export { formatObjects, type FormatObjectsOptions, type ObjectFormat } from "./output_format.ts";
export { alignTabs } from "./tabwriter.ts";
export { formatTable } from "../table.ts";
export { type DescribeContext, rfc1123z } from "./_describe_format.ts";
export { describePod, type DescribePodContext } from "./describe_pod.ts";
export { describeNode, type DescribeNodeContext } from "./describe_node.ts";
export {
  describeDeployment,
  type DescribeDeploymentContext,
  describeReplicaSet,
  type DescribeReplicaSetContext,
} from "./describe_workloads.ts";
export {
  describeEndpoints,
  describeService,
  type DescribeServiceContext,
} from "./describe_service.ts";
export { describeNamespace, describeObject } from "./describe_misc.ts";
export {
  type ExplainOptions,
  explainScheduleLines,
  schedulingSummaryLines,
} from "./explain_table.ts";
