import type { Cluster } from "../cluster/cluster.ts";
import { readJson } from "./_body.ts";
import { jsonResponse, methodNotAllowed } from "./_responses.ts";
import { bindPod } from "./binding.ts";
import { evictPod } from "./eviction.ts";
import type { PatchTarget } from "./patch_object.ts";
import { podLog, type PodLogOptions } from "./pod_log.ts";

/** The pod subresources podSubresource() answers. */
export const POD_SUBRESOURCES: readonly string[] = ["binding", "eviction", "log"];

/**
 * Answers `pods/{name}/eviction` (POST), `pods/{name}/binding` (POST) and `pods/{name}/log`
 * (GET, from the pod's agent; `options` carry the token it is asked with). Eviction and binding answer 201 with a Success Status, as kube-apiserver does.
 */
export async function podSubresource(
  cluster: Cluster,
  request: Request,
  subresource: string,
  target: PatchTarget,
  options: PodLogOptions = {},
): Promise<Response> {
  const query = new URL(request.url).searchParams;
  if (subresource === "log") {
    return request.method === "GET"
      ? await podLog(cluster, request, target, options)
      : methodNotAllowed();
  }
  if (request.method !== "POST") return methodNotAllowed();
  const body = await readJson(request);
  if (subresource === "eviction") {
    await evictPod(cluster, body, target, { dryRun: query.getAll("dryRun").includes("All") });
  } else {
    await bindPod(cluster, body, target);
  }
  return jsonResponse(
    { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 },
    201,
  );
}
