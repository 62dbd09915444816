/**
 * `kclone logs POD [-c CONTAINER] [-f] [--previous] [--tail N] [--timestamps]` (and
 * `logs deployment/web`, `logs service/web`): a container's log, as `kubectl logs` prints it,
 * from the pods/log subresource: through the API of `--server`, or with `--db` by asking the
 * pod's agent directly as the server would. `-f` follows until Ctrl-C or SIGTERM (exit 0).
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { formatLabelSelector, selectorFromSet } from "../../api/label_selector.ts";
import type { LabelSelector, Pod } from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { podLog } from "../../server/pod_log.ts";
import { errorFromStatus } from "../../store/remote/status_error.ts";
import { parseServerUrls } from "../../store/remote/server_urls.ts";
import { ServerConnectionError } from "../../store/remote/server_connection_error.ts";
import { type GlobalOptions, type Output, UsageError } from "../context.ts";
import { flagError } from "../original/flags.ts";
import { readTokenFile, tokenFilePath } from "../server/token_file.ts";
import { type Globals, run } from "./_command.ts";
import { mustGet } from "./_objects.ts";
import { parseResourceArgs } from "./resource_args.ts";

/** The flags of `kclone logs` as commander hands them over. */
export interface LogsFlags {
  /** `-c`: the container. */
  container?: string;
  /** `-f`: follow the log. */
  follow?: boolean;
  /** `-p`: the previous instance of the container. */
  previous?: boolean;
  /** `--tail`: lines from the end; `-1` for all. */
  tail: string;
  /** `--timestamps`: each line with its RFC3339 time. */
  timestamps?: boolean;
}

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n" +
  "POD or TYPE/NAME is a required argument for the logs command";
const DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";
const POD_WAIT_MS = 20_000;

/**
 * The query of a pods/log request for a container and the flags, as kubectl builds
 * PodLogOptions: only what was asked for, `tailLines` unless `--tail` is -1. A tail that is no
 * integer, or below -1, is a UsageError in kubectl's words.
 *
 * @example
 * ```ts
 * import { logQuery } from "./logs_command.ts";
 * logQuery("web", { tail: "5", follow: true }).toString(); // "container=web&follow=true&tailLines=5"
 * ```
 */
export function logQuery(container: string, flags: LogsFlags): URLSearchParams {
  if (!/^[-+]?\d+$/.test(flags.tail)) {
    throw flagError(
      "--tail",
      flags.tail,
      `strconv.ParseInt: parsing "${flags.tail}": invalid syntax`,
    );
  }
  const tail = Number(flags.tail);
  if (tail < -1) throw new UsageError("--tail must be greater than or equal to -1");
  const query = new URLSearchParams({ container });
  if (flags.follow) query.set("follow", "true");
  if (flags.previous) query.set("previous", "true");
  if (tail !== -1) query.set("tailLines", String(tail));
  if (flags.timestamps) query.set("timestamps", "true");
  return query;
}

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
const ready = (pod: Pod) =>
  pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "True");
const restarts = (pod: Pod) =>
  Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
/** Earlier first, an empty time last (Go's afterOrZero(b, a) as a comparison). */
const earlierFirst = (a = "", b = "") =>
  a === b ? 0 : a === "" ? 1 : b === "" ? -1 : Date.parse(a) < Date.parse(b) ? -1 : 1;

/**
 * The order in which kubectl picks the pod whose log it shows (controller.ByLogging): assigned
 * before unassigned, Running before Unknown before Pending, ready before not, ready longer before
 * shorter, more restarts before fewer, older before newer.
 */
export function byLogging(a: Pod, b: Pod): number {
  const na = a.spec.nodeName ?? "", nb = b.spec.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na === "" ? 1 : -1;
  const pa = PHASE_RANK[a.status?.phase ?? ""] ?? 0, pb = PHASE_RANK[b.status?.phase ?? ""] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = ready(a), rb = ready(b);
  if (!ra !== !rb) return ra ? -1 : 1;
  if (ra && rb && ra.lastTransitionTime !== rb.lastTransitionTime) {
    return earlierFirst(ra.lastTransitionTime, rb.lastTransitionTime);
  }
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return earlierFirst(a.metadata.creationTimestamp, b.metadata.creationTimestamp);
}

/** The selector of an object kubectl can show logs of through its pods. */
function podSelector(object: { kind: string; spec?: unknown }): string {
  const spec = object.spec as { selector?: LabelSelector | Record<string, string> } | undefined;
  if (object.kind === "Service") {
    return formatLabelSelector(selectorFromSet((spec?.selector ?? {}) as Record<string, string>));
  }
  if (object.kind === "Deployment" || object.kind === "ReplicaSet") {
    return formatLabelSelector((spec?.selector ?? {}) as LabelSelector);
  }
  throw new UsageError(`cannot get the logs from *v1.${object.kind}`);
}

/** The pod a resource argument names: itself, or the first of its pods (waiting for one). */
async function choosePod(cluster: Cluster, arg: string, namespace: string, out: Output) {
  const { info, name } = arg.includes("/")
    ? parseResourceArgs([arg]).targets[0]
    : { info: parseResourceArgs(["pod", arg]).kinds[0], name: arg };
  const object = await mustGet(cluster, { info, name, namespace });
  if (object.kind === "Pod") return object as Pod;
  const labelSelector = podSelector(object);
  const deadline = Date.now() + POD_WAIT_MS;
  for (;;) {
    const pods = await cluster.list("Pod", { namespace, labelSelector });
    if (pods.length > 0) {
      const pod = [...pods].sort(byLogging)[0];
      if (pods.length > 1) out.err(`Found ${pods.length} pods, using pod/${pod.metadata.name}`);
      return pod;
    }
    if (Date.now() > deadline) throw new UsageError("timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The container to show: `-c`, else the default-container annotation, else the first. */
function chooseContainer(pod: Pod, requested: string | undefined, out: Output): string {
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].map((c) => c.name);
  if (requested !== undefined) {
    if (!all.includes(requested)) {
      throw new UsageError(`container ${requested} is not valid for pod ${pod.metadata.name}`);
    }
    return requested;
  }
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER];
  if (annotated) {
    if (all.includes(annotated)) return annotated;
    out.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}`);
  }
  const first = pod.spec.containers[0].name;
  if (all.length > 1) {
    const names = [
      ...pod.spec.containers.map((c) => c.name),
      ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`),
    ];
    out.err(`Defaulted container "${first}" out of: ${names.join(", ")}`);
  }
  return first;
}

/** GET pods/log from `--server`, failures as the server's typed errors. */
async function fetchLog(g: GlobalOptions, path: string, signal: AbortSignal): Promise<Response> {
  const caCerts = g.certificateAuthority
    ? [await Deno.readTextFile(g.certificateAuthority)]
    : undefined;
  const client = caCerts ? Deno.createHttpClient({ caCerts }) : undefined;
  let response: Response | undefined;
  // The first server of the list that answers, as for every other command.
  const servers = parseServerUrls(g.server!);
  for (const [index, server] of servers.entries()) {
    const base = new URL(server);
    const url = new URL(base.pathname.replace(/\/$/, "") + path, base);
    try {
      response = await fetch(url, {
        headers: g.token ? { authorization: `Bearer ${g.token}` } : {},
        signal,
        ...(client ? { client } : {}),
      });
      break;
    } catch (error) {
      if (signal.aborted) return new Response("");
      if (index === servers.length - 1) throw new ServerConnectionError(base.host, error);
    }
  }
  if (!response) return new Response("");
  if (response.ok) return response;
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text is the message
  }
  throw errorFromStatus(body, response.status);
}

/** Copies a log body to stdout until it ends or `signal` stops it. */
async function copyToStdout(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  signal.addEventListener("abort", () => reader.cancel().catch(() => {}), { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (let at = 0; at < value.length;) at += await Deno.stdout.write(value.subarray(at));
    }
  } catch (error) {
    // A reader that went away (`| head`) ends the log, as it ends kubectl's.
    if (!signal.aborted && !(error instanceof Deno.errors.BrokenPipe)) throw error;
  }
}

/** Aborts `controller` on SIGINT or SIGTERM until the returned function is called. */
function abortOnStopSignals(controller: AbortController): () => void {
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  const abort = () => controller.abort();
  for (const signal of signals) Deno.addSignalListener(signal, abort);
  return () => signals.forEach((signal) => Deno.removeSignalListener(signal, abort));
}

/** Registers `logs`. */
export function registerLogs(program: Command, globals: Globals): void {
  program.command("logs")
    .description("print the logs of a container in a pod (or of the first pod of a deployment)")
    .argument("[resource]", "POD or TYPE/NAME, e.g. web-7d4b9 or deployment/web")
    .argument("[container]", "the container (as -c)")
    .option("-c, --container <name>", "the container (default: the pod's only or first one)")
    .option("-f, --follow", "stream the log as it grows, until Ctrl-C")
    .option("-p, --previous", "the log of the previous instance of the container")
    .option("--tail <lines>", "lines from the end of the log to show; -1 for all", "-1")
    .option("--timestamps", "prefix each line with its RFC3339 timestamp")
    .exitOverride()
    .action((resource, inline, flags) =>
      run(globals, async (cluster, out, g) => {
        if (resource === undefined) throw new UsageError(USAGE);
        if (inline !== undefined && flags.container !== undefined) {
          throw new UsageError("only one of -c or an inline [CONTAINER] arg is allowed");
        }
        const namespace = g.namespace ?? "default";
        const pod = await choosePod(cluster, resource, namespace, out);
        const container = chooseContainer(pod, inline ?? flags.container, out);
        const query = logQuery(container, flags);
        const name = pod.metadata.name!;
        const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${
          encodeURIComponent(name)
        }/log?${query}`;
        const stop = new AbortController();
        const unlisten = abortOnStopSignals(stop);
        try {
          const response = g.server
            ? await fetchLog(g, path, stop.signal)
            : await podLog(cluster, new Request(`http://kclone${path}`), { name, namespace }, {
              signal: stop.signal,
              token: await readTokenFile(tokenFilePath(g.db)).catch(() => undefined),
            });
          if (response.body) await copyToStdout(response.body, stop.signal);
        } catch (error) {
          if (!stop.signal.aborted) throw error;
        } finally {
          unlisten();
        }
      })
    );
}
