import {
  ApiError,
  BadRequestError,
  NotFoundError,
  ServiceUnavailableError,
} from "../api/errors.ts";
import type { Node, Pod } from "../api/types.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { KUBELET_ANNOTATION } from "../kubelet/kubelet_annotation.ts";
import type { PatchTarget } from "./patch_object.ts";

/** The query parameters of `pods/log` that the agent's log endpoint takes as they are. */
const PASSED_ON = ["follow", "previous", "tailLines", "timestamps", "limitBytes", "sinceSeconds"];

/** Options of podLog(). */
export interface PodLogOptions {
  /** The bearer token the server presents to agents. */
  token?: string;
  /** Ends a followed log when the server stops. */
  signal?: AbortSignal;
}

/**
 * Answers `pods/{name}/log` as kube-apiserver does: from the kubelet of the pod's node, here the
 * kclone agent's log endpoint (`/containerLogs/{namespace}/{pod}/{container}` on the port its
 * Node reports in `status.daemonEndpoints.kubeletEndpoint`), streamed through, `follow` included.
 * A simulated pod has no process and so no log: BadRequest saying so. NotFound for a missing pod,
 * BadRequest for a container the pod does not have, ServiceUnavailable when the agent cannot be
 * reached.
 */
export async function podLog(
  cluster: Cluster,
  request: Request,
  target: PatchTarget,
  options: PodLogOptions = {},
): Promise<Response> {
  const pod = await cluster.get("Pod", target.name, { namespace: target.namespace });
  if (!pod) throw new NotFoundError("pods", target.name);
  const query = new URL(request.url).searchParams;
  const container = containerOf(pod, query.get("container"));
  const node = pod.spec.nodeName ? await cluster.get("Node", pod.spec.nodeName) : undefined;
  const endpoint = node ? agentEndpoint(node) : undefined;
  if (!endpoint) {
    throw new BadRequestError(
      `pod "${target.name}" has no logs: kclone runs this pod simulated, without a process (real pods come with kclone agent)`,
    );
  }
  const url = new URL(
    `${endpoint}/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/${container}`,
  );
  for (const name of PASSED_ON) {
    const value = query.get(name);
    if (value !== null) url.searchParams.set(name, value);
  }
  let answer: Response;
  try {
    answer = await fetch(url, {
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      signal: options.signal,
    });
  } catch (error) {
    throw new ServiceUnavailableError(
      `the agent of node ${node!.metadata.name} cannot be reached for logs: ${
        (error as Error).message
      }`,
    );
  }
  if (!answer.ok) throw await agentError(answer);
  return new Response(answer.body, { headers: { "content-type": "text/plain" } });
}

/** The container a log request names, or the pod's only one; BadRequest as kube-apiserver. */
function containerOf(pod: Pod, requested: string | null): string {
  const names = pod.spec.containers.map((c) => c.name);
  if (requested) {
    const all = [...names, ...(pod.spec.initContainers ?? []).map((c) => c.name)];
    if (!all.includes(requested)) {
      throw new BadRequestError(
        `container ${requested} is not valid for pod ${pod.metadata.name}`,
      );
    }
    return requested;
  }
  if (names.length === 1) return names[0];
  throw new BadRequestError(
    `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${
      names.join(" ")
    }]`,
  );
}

/** `http://<InternalIP>:<port>` of a node an agent runs, from its status; else undefined. */
function agentEndpoint(node: Node): string | undefined {
  if (node.metadata.annotations?.[KUBELET_ANNOTATION] !== "agent") return undefined;
  const status = node.status as
    | Node["status"] & { daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } }
    | undefined;
  const port = status?.daemonEndpoints?.kubeletEndpoint?.Port;
  const ip = status?.addresses?.find((a) => a.type === "InternalIP")?.address;
  if (!port || !ip) return undefined;
  return `http://${ip.includes(":") ? `[${ip}]` : ip}:${port}`;
}

/** The agent's Status passed on; a body that is no Status becomes BadRequest with its text. */
async function agentError(answer: Response): Promise<ApiError> {
  const text = await answer.text();
  try {
    const status = JSON.parse(text);
    if (status?.kind === "Status" && typeof status.message === "string") {
      return new ApiError(status.reason ?? "BadRequest", answer.status, status.message);
    }
  } catch {
    // not JSON: the text is the message
  }
  return new ApiError(
    answer.status === 404 ? "NotFound" : "BadRequest",
    answer.status >= 500 ? 503 : answer.status,
    text.trim() || `the agent answered ${answer.status}`,
  );
}
