/**
 * The line `kubectl rollout status` prints for a Deployment, and whether the rollout is done,
 * as kubectl's DeploymentStatusViewer decides.
 *
 * @module
 */
import type { Deployment, Pod } from "../../api/types.ts";
import { UsageError } from "../context.ts";

/** Where a rollout stands. */
export interface RolloutStatus {
  /** kubectl's line, e.g. `deployment "web" successfully rolled out`. */
  message: string;
  /** True when the rollout is complete. */
  done: boolean;
}

/** Options of deploymentRolloutStatus. */
export interface RolloutStatusOptions {
  /** `--revision`: the rollout must be at this revision (0: any). */
  revision?: number;
  /** The Deployment's pods, for the warning kubectl appends while waiting on an unschedulable pod. */
  pods?: readonly Pod[];
}

const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

function withWarning(message: string, pods: readonly Pod[]): string {
  for (const pod of pods) {
    const unschedulable = pod.status?.conditions?.find((c) =>
      c.type === "PodScheduled" && c.status === "False" && c.reason === "Unschedulable"
    );
    if (unschedulable) return `${message} (Warning: ${unschedulable.message ?? ""})`;
    for (const status of pod.status?.containerStatuses ?? []) {
      const reason = status.state?.waiting?.reason ?? "";
      if (
        /^(ImagePullBackOff|ErrImagePull|CrashLoopBackOff|CreateContainer(Config)?Error)$/.test(
          reason,
        )
      ) {
        return `${message} (Warning: ${reason} - ${status.state?.waiting?.message ?? ""})`;
      }
    }
  }
  return message;
}

/**
 * The rollout status of a Deployment. Throws UsageError as kubectl fails: a rollout past its
 * progress deadline, or one at another revision than `options.revision`.
 *
 * @example
 * ```ts
 * import { deploymentRolloutStatus } from "./rollout_status.ts";
 * deploymentRolloutStatus({
 *   apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", generation: 1 },
 *   spec: { replicas: 3, selector: {}, template: { spec: { containers: [] } } },
 *   status: { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 1 },
 * }).message; // Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...
 * ```
 */
export function deploymentRolloutStatus(
  deployment: Deployment,
  options: RolloutStatusOptions = {},
): RolloutStatus {
  const name = deployment.metadata.name ?? "";
  const status = deployment.status ?? {};
  if (options.revision) {
    const running = Number(deployment.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
    if (running !== options.revision) {
      throw new UsageError(
        `desired revision (${options.revision}) is different from the running revision (${running})`,
      );
    }
  }
  const waiting = (message: string) => ({
    message: withWarning(message, options.pods ?? []),
    done: false,
  });
  if ((deployment.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return waiting("Waiting for deployment spec update to be observed...");
  }
  const progressing = status.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    throw new UsageError(`deployment ${JSON.stringify(name)} exceeded its progress deadline`);
  }
  const prefix = `Waiting for deployment ${JSON.stringify(name)} rollout to finish:`;
  const replicas = deployment.spec.replicas;
  const updated = status.updatedReplicas ?? 0;
  if (replicas !== undefined && updated < replicas) {
    return waiting(`${prefix} ${updated} out of ${replicas} new replicas have been updated...`);
  }
  if ((status.replicas ?? 0) > updated) {
    return waiting(
      `${prefix} ${(status.replicas ?? 0) - updated} old replicas are pending termination...`,
    );
  }
  if ((status.availableReplicas ?? 0) < updated) {
    return waiting(
      `${prefix} ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
    );
  }
  return { message: `deployment ${JSON.stringify(name)} successfully rolled out`, done: true };
}
