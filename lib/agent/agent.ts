import { absolute, joinPath } from "./runtime/_path.ts";
import { systemClock } from "../api/clock.ts";
import { ApiError } from "../api/errors.ts";
import type { Lease, Node, Pod } from "../api/types.ts";
import { type EventRecord, EventRecorder } from "../controllers/event_recorder.ts";
import type { Store } from "../store/store.ts";
import {
  agentNode,
  type AgentNodeSpec,
  NODE_LEASE_NAMESPACE,
  renewedNodeLease,
} from "./agent_node.ts";
import { AgentStartError } from "./agent_start_error.ts";
import { isTerminalPod, LeftoverPods } from "./leftover_pods.ts";
import { logEndpointHandler } from "./log_endpoint.ts";
import { isLoopbackIPv4, PodIPs } from "./pod_ips.ts";
import { PodStatusManager } from "./pod_status_manager.ts";
import { PodWorker } from "./pod_worker.ts";
import { runServiceProxy } from "./proxy_sync.ts";

/**
 * How an agent runs: the node it registers (name, capacity, labels, taints and the pod range,
 * else the one node IPAM gives, which must be inside 127.0.0.0/8), and the rest.
 */
export interface AgentOptions
  extends
    Pick<AgentNodeSpec, "name" | "cpu" | "memory" | "pods" | "labels" | "taints" | "podCIDR"> {
  /** The cluster, through its API server (a RemoteStore). */
  store: Store;
  /** The node's address: the log endpoint listens there (default 127.0.0.1). */
  address?: string;
  /** The log endpoint's port (default 0: a free one). */
  port?: number;
  /** The agent's state folder: working folders, pid files, logs. */
  root: string;
  /** Lease renewal interval (default 10,000 ms, as the kubelet). */
  leaseIntervalMs?: number;
  /** Scale of CrashLoopBackOff (default 1; tests use less). */
  backOffScale?: number;
  /** Token the log endpoint requires (the API server presents it). */
  token?: string;
  /** Run the service proxy (default true). */
  proxy?: boolean;
  /** Told of problems that do not stop the agent. */
  onProblem?: (message: string) => void;
}

const PODCIDR_WAIT_MS = 15_000;

/**
 * kclone's kubelet for real work: registers its Node, renews its Lease, runs the pods bound to
 * it as processes (each with its own IP of the node's pod range), reports their status, serves
 * their logs, and proxies Service traffic. stop() stops the pods cleanly; an agent killed outright
 * leaves them running, and the next start on the same root adopts those whose pods are still
 * bound to it (same process, address, log and restartCount) and reaps the others.
 */
export class Agent {
  readonly #options: AgentOptions;
  readonly #stopping = new AbortController();
  readonly #workers = new Map<string, PodWorker>();
  readonly #statuses: PodStatusManager;
  #server: Deno.HttpServer<Deno.NetAddr> | undefined;
  #leaseTimer: ReturnType<typeof setInterval> | undefined;
  #loops: Promise<unknown>[] = [];
  #ips: PodIPs | undefined;
  #events: EventRecorder | undefined;
  /** What an earlier agent on this root left running, until the first pods run. */
  #leftovers: LeftoverPods | undefined;

  private constructor(options: AgentOptions) {
    this.#options = options;
    this.#statuses = new PodStatusManager({
      store: options.store,
      worker: (uid) => this.#workers.get(uid),
      onProblem: (message) => this.#problem(message),
      signal: this.#stopping.signal,
    });
  }

  /** Starts an agent: reaps what an earlier one left, registers the node, then runs its pods. */
  static async start(options: AgentOptions): Promise<Agent> {
    // Absolute, as pid files and the launcher of each container need it.
    const agent = new Agent({ ...options, root: absolute(options.root) });
    try {
      await agent.#start();
    } catch (error) {
      await agent.stop();
      throw error;
    }
    return agent;
  }

  /** The node's name. */
  get name(): string {
    return this.#options.name;
  }

  /** Stops every pod (SIGTERM, grace period, SIGKILL), the proxy, the log endpoint and the lease. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    if (this.#leaseTimer !== undefined) clearInterval(this.#leaseTimer);
    await Promise.all([...this.#workers.values()].map((w) => w.stop()));
    await Promise.allSettled(this.#loops);
    await this.#statuses.idle();
    await this.#server?.shutdown();
  }

  get #logDir(): string {
    return joinPath(this.#options.root, "logs");
  }

  async #start(): Promise<void> {
    const { root, store, name } = this.#options;
    await Deno.mkdir(this.#logDir, { recursive: true });
    this.#leftovers = await LeftoverPods.find(root);
    const address = this.#options.address ?? "127.0.0.1";
    this.#server = Deno.serve(
      { hostname: address, port: this.#options.port ?? 0, onListen: () => {} },
      logEndpointHandler({
        logDir: this.#logDir,
        pod: (ns, podName) => {
          const worker = [...this.#workers.values()].find((w) =>
            w.pod.metadata.namespace === ns && w.pod.metadata.name === podName
          );
          return worker && { ...worker.pod, status: worker.status(worker.pod) };
        },
        signal: this.#stopping.signal,
      }, this.#options.token),
    );
    const node = await this.#register(address, this.#server.addr.port);
    const cidr = node.spec?.podCIDR ?? await this.#awaitPodCIDR();
    if (!isLoopbackIPv4(cidr.split("/")[0])) {
      throw new AgentStartError(
        `node ${name} has pod range ${cidr}, which is not on this machine: give the agent --pod-cidr inside 127.0.0.0/8, or start the server with --cluster-cidr 127.244.0.0/16`,
      );
    }
    this.#ips = new PodIPs(cidr);
    await this.#renewLease();
    let renewing = false;
    this.#leaseTimer = setInterval(() => {
      if (renewing) return; // a slow renewal is not overlapped by the next one
      renewing = true;
      this.#renewLease()
        .catch((e) => this.#problem(`lease: ${(e as Error).message}`))
        .finally(() => renewing = false);
    }, this.#options.leaseIntervalMs ?? 10_000);
    const bound = await store.list("Pod", { fieldSelector: `spec.nodeName=${name}` });
    await this.#leftovers.keepOnly(bound.items, this.#ips);
    this.#loops.push(this.#watchPods(store));
    if (this.#options.proxy !== false) {
      this.#loops.push(
        runServiceProxy(store, {
          nodeAddress: address,
          signal: this.#stopping.signal,
          onProblem: (m) => this.#problem(m),
        }).catch((e) => this.#problem(`service proxy: ${(e as Error).message}`)),
      );
    }
  }

  #problem(message: string): void {
    if (!this.#stopping.signal.aborted) this.#options.onProblem?.(message);
  }

  /** Creates the Node, or updates it as a restarted kubelet does. */
  async #register(address: string, port: number): Promise<Node> {
    const { store, name } = this.#options;
    const spec = { ...this.#options, name, address, endpointPort: port };
    for (let attempt = 1;; attempt++) {
      const existing = await store.get("Node", undefined, name);
      const node = agentNode(spec, Date.now(), existing);
      try {
        return existing ? await store.update(node) : await store.create(node);
      } catch (error) {
        if (attempt >= 5 || !(error instanceof ApiError)) throw error;
      }
    }
  }

  async #awaitPodCIDR(): Promise<string> {
    const deadline = Date.now() + PODCIDR_WAIT_MS;
    while (Date.now() < deadline) {
      const node = await this.#options.store.get("Node", undefined, this.#options.name);
      if (node?.spec?.podCIDR) return node.spec.podCIDR;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new AgentStartError(`node ${this.#options.name} was given no pod range (spec.podCIDR)`);
  }

  /** Renews the node Lease; posts Ready again when the node lifecycle controller said Unknown. */
  async #renewLease(): Promise<void> {
    const { store, name } = this.#options;
    const current = await store.get("Lease", NODE_LEASE_NAMESPACE, name) as Lease | undefined;
    const lease = renewedNodeLease(name, Date.now(), current);
    await (current ? store.update(lease) : store.create(lease));
    const node = await store.get("Node", undefined, name);
    const ready = node?.status?.conditions?.find((c) => c.type === "Ready");
    if (node && ready?.status !== "True") {
      await this.#register(this.#options.address ?? "127.0.0.1", this.#server!.addr.port);
    }
  }

  /**
   * Lists and watches the pods bound to this node, as the kubelet's informer: after a watch that
   * failed (every server gone, a compacted revision) it lists again a second later, and pods
   * deleted meanwhile are stopped.
   */
  async #watchPods(store: Store): Promise<void> {
    const filter = { fieldSelector: `spec.nodeName=${this.#options.name}` };
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      try {
        const listed = await store.list("Pod", filter);
        const present = new Set(listed.items.map((p) => p.metadata.uid));
        for (const worker of [...this.#workers.values()]) {
          if (!present.has(worker.uid)) this.#forget(worker.pod);
        }
        for (const pod of listed.items) this.#sync(pod);
        await this.#leftovers?.reapUnclaimed((uid) => this.#workers.has(uid), this.#ips);
        const events = store.watch("Pod", {
          ...filter,
          resourceVersion: listed.resourceVersion,
          signal,
        });
        for await (const event of events) {
          const pod = event.object as Pod;
          if (event.type === "DELETED") this.#forget(pod);
          else if (event.type !== "BOOKMARK") this.#sync(pod);
        }
      } catch (error) {
        if (signal.aborted) return;
        this.#problem(`pods: ${(error as Error).message}; listing again in 1 s`);
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, 1_000);
          signal.addEventListener("abort", () => {
            clearTimeout(timer);
            resolve(undefined);
          }, { once: true });
        });
      }
    }
  }

  /** Starts a worker for a pod new to this node. */
  #sync(pod: Pod): void {
    const uid = pod.metadata.uid!;
    if (this.#workers.has(uid) || this.#stopping.signal.aborted) return;
    if (isTerminalPod(pod)) return;
    const podIP = this.#ips!.allocate(uid);
    if (!podIP) {
      this.#problem(`no free IP in the node's pod range for pod ${pod.metadata.name}`);
      return;
    }
    const worker = new PodWorker(pod, {
      podIP,
      hostIP: this.#options.address ?? "127.0.0.1",
      root: this.#options.root,
      logDir: this.#logDir,
      backOffScale: this.#options.backOffScale ?? 1,
      onStatus: (w) => this.#statuses.changed(w.uid),
      onEvent: (event) => this.#record(pod, event),
      leftovers: this.#leftovers?.take(uid),
    });
    this.#workers.set(uid, worker);
    worker.start();
  }

  /** A pod deleted from the API: its containers stop (grace period), its IP goes back. */
  #forget(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const worker = this.#workers.get(uid);
    if (!worker) return;
    this.#workers.delete(uid);
    worker.stop().finally(() => this.#ips?.release(uid));
  }

  /** Records a kubelet Event on `pod` (best effort, as the kubelet's recorder). */
  #record(pod: Pod, event: EventRecord): void {
    this.#events ??= new EventRecorder(this.#options.store, systemClock, "kubelet");
    this.#events.record(pod, event, "kubelet", this.#options.name)
      .catch((e) => this.#problem(`event on pod ${pod.metadata.name}: ${(e as Error).message}`));
  }
}
