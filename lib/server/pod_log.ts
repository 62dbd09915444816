import { BadRequestError, NotFoundError } from "../api/errors.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { PatchTarget } from "./patch_object.ts";

/**
 * Answers `pods/{name}/log`. kclone's pods are simulated (no process runs them until the agents
 * come), so there is no log to read: a present pod gets a BadRequest that says so, which kubectl
 * prints as `Error from server (BadRequest): ...`; a missing one gets NotFound.
 */
export async function podLog(cluster: Cluster, target: PatchTarget): Promise<never> {
  const pod = await cluster.get("Pod", target.name, { namespace: target.namespace });
  if (!pod) throw new NotFoundError("pods", target.name);
  throw new BadRequestError(
    `pod "${target.name}" has no logs: kclone runs this pod simulated, without a process (real pods come with kclone agent)`,
  );
}
