import type { Endpoints, Service } from "../api/types.ts";
import type { Store } from "../store/store.ts";
import { proxyPlan, ServiceProxy } from "./proxy/mod.ts";

/** Options of runServiceProxy(). */
export interface ServiceProxySyncOptions {
  /** The node's address, where NodePorts listen besides 127.0.0.1. */
  nodeAddress: string;
  /** Ends the proxy. */
  signal: AbortSignal;
  /** Told of listeners that could not open (a port taken by another agent on this machine). */
  onProblem?: (message: string) => void;
}

/**
 * The agent's kube-proxy: keeps a ServiceProxy on the plan of the cluster's Services and
 * Endpoints, re-planned on every change to either (listeners that fail to open are tried again at
 * the next change or every few seconds). Resolves when `signal` aborts, with every listener closed.
 */
export async function runServiceProxy(
  store: Store,
  options: ServiceProxySyncOptions,
): Promise<void> {
  const proxy = new ServiceProxy();
  const services = new Map<string, Service>(), endpoints = new Map<string, Endpoints>();
  const key = (o: { metadata: { namespace?: string; name?: string } }) =>
    `${o.metadata.namespace}/${o.metadata.name}`;
  let applying = Promise.resolve();
  let reported = new Set<string>();
  const replan = () => {
    applying = applying.then(async () => {
      if (options.signal.aborted) return;
      const plan = proxyPlan([...services.values()], [...endpoints.values()], {
        nodeAddress: options.nodeAddress,
      });
      const result = await proxy.apply(plan);
      // Several agents on one machine share 127.0.0.1: one holds a NodePort, the others keep
      // trying (and take over when it goes). Each address is reported once until it opens.
      const failing = new Set(result.failed.map((f) => f.address));
      for (const failed of result.failed) {
        if (reported.has(failed.address)) continue;
        options.onProblem?.(
          `service proxy: cannot listen on ${failed.address} (${failed.error}); trying again every 5 s`,
        );
      }
      reported = failing;
    });
  };
  // List and watch one kind; after a failed watch (servers gone, a compacted revision) list
  // again a second later, so the proxy keeps following the cluster.
  const follow = async <T extends Service | Endpoints>(
    kind: "Service" | "Endpoints",
    into: Map<string, T>,
  ) => {
    while (!options.signal.aborted) {
      try {
        const listed = await store.list(kind);
        into.clear();
        for (const object of listed.items) into.set(key(object), object as T);
        replan();
        const events = store.watch(kind, {
          resourceVersion: listed.resourceVersion,
          signal: options.signal,
        });
        for await (const event of events) {
          if (event.type === "DELETED") into.delete(key(event.object));
          else if (event.type !== "BOOKMARK") into.set(key(event.object), event.object as T);
          replan();
        }
      } catch (error) {
        if (options.signal.aborted) return;
        options.onProblem?.(`service proxy: ${(error as Error).message}; listing again in 1 s`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  };
  const retry = setInterval(replan, 5_000);
  try {
    await Promise.all([follow("Service", services), follow("Endpoints", endpoints)]);
  } catch (error) {
    if (!options.signal.aborted) throw error;
  } finally {
    clearInterval(retry);
    await applying;
    await proxy.close();
  }
}
