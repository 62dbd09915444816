import { BackendPool } from "./_backend_pool.ts";
import { BufferPool, closeLink, type Link, relay } from "./_relay.ts";
import { diffPlan } from "./diff_plan.ts";
import type { ProxyListener, ProxyRule } from "./types.ts";

/** A listener the proxy has open. */
export interface OpenListener {
  /** `hostname:port` as the rule asks for it. */
  address: string;
  /** Key of the rule it serves. */
  rule: string;
  /** The port actually bound (differs from the asked one only for port 0). */
  port: number;
}

/** A listen address that could not be opened (e.g. the port is taken); apply() retries it. */
export interface ListenFailure {
  /** `hostname:port`. */
  address: string;
  /** Key of the rule. */
  rule: string;
  /** What the system said, e.g. `Address already in use (os error 98)`. */
  error: string;
}

/** What ServiceProxy.apply() did. */
export interface ProxyApplyResult {
  /** Listeners opened. */
  opened: OpenListener[];
  /** Addresses no longer listened on. */
  closed: string[];
  /** Addresses that stayed open and now forward to other backends. */
  repointed: string[];
  /** Addresses that could not be opened. */
  failed: ListenFailure[];
}

/** Counters, for tests and status. */
export interface ProxyStats {
  /** Connections forwarded, per backend `ip:port`. */
  connections: Record<string, number>;
  /** Connect attempts that failed (the next backend was tried). */
  refused: number;
  /** Client connections closed because no backend was reachable. */
  dropped: number;
  /** Connections open now. */
  active: number;
}

interface Entry extends OpenListener {
  listener: Deno.TcpListener;
  pool: BackendPool;
  closed: boolean;
  loop: Promise<void>;
}

/**
 * A userspace TCP proxy for Services: apply() a plan from proxyPlan() and each listen address
 * accepts connections and forwards each one to the next backend of its rule, round robin per
 * connection. A backend that refuses is skipped for the next, up to once round; when none
 * answers, the client connection is closed. apply() again with a new plan opens and closes only
 * the listeners that changed; a backend change re-points a listener without closing it, and
 * connections in flight keep their backend.
 *
 * @example
 * ```ts ignore
 * import { proxyPlan, ServiceProxy } from "./mod.ts";
 * const proxy = new ServiceProxy();
 * await proxy.apply(proxyPlan(services, endpoints));
 * // ... on every Service or Endpoints change:
 * await proxy.apply(proxyPlan(services, endpoints));
 * await proxy.close();
 * ```
 */
export class ServiceProxy {
  #rules: ProxyRule[] = [];
  #pools = new Map<string, BackendPool>();
  #listeners = new Map<string, Entry>();
  #links = new Set<Link>();
  #counts = new Map<string, number>();
  #refused = 0;
  #dropped = 0;
  #buffers = new BufferPool();
  #closed = false;
  #applying: Promise<void> = Promise.resolve();

  /**
   * Makes the open listeners and backends those of `rules`; resolves once the listeners that are
   * gone have let go of their ports. Calls run one after the other, in call order.
   */
  apply(rules: readonly ProxyRule[]): Promise<ProxyApplyResult> {
    if (this.#closed) return Promise.reject(new Error("the service proxy is closed"));
    const result = this.#applying.then(() => this.#apply(rules));
    this.#applying = result.then(() => {}, () => {});
    return result;
  }

  async #apply(rules: readonly ProxyRule[]): Promise<ProxyApplyResult> {
    if (this.#closed) throw new Error("the service proxy is closed");
    const diff = diffPlan(this.#rules, rules);
    const pools = new Map<string, BackendPool>();
    for (const rule of rules) {
      if (rule.skipped) continue;
      const pool = this.#pools.get(rule.key) ?? new BackendPool();
      pool.set(rule.backends);
      pools.set(rule.key, pool);
    }
    this.#pools = pools;
    const result: ProxyApplyResult = { opened: [], closed: [], repointed: [], failed: [] };
    const stopped: Promise<void>[] = [];
    for (const { address } of diff.close) {
      const entry = this.#listeners.get(address);
      if (!entry) continue;
      this.#stop(entry);
      stopped.push(entry.loop);
      this.#listeners.delete(address);
      result.closed.push(address);
    }
    // A port is free again only once its pending accept has ended.
    await Promise.all(stopped);
    for (const { address, rule } of diff.repoint) {
      const entry = this.#listeners.get(address);
      if (!entry) continue;
      entry.pool = pools.get(rule)!;
      entry.rule = rule;
      result.repointed.push(address);
    }
    const failed = new Set<string>();
    for (const listener of diff.open) {
      const opened = this.#open(listener, pools.get(listener.rule)!);
      if ("error" in opened) {
        failed.add(listener.address);
        result.failed.push(opened);
      } else result.opened.push(opened);
    }
    // Remember only what is open, so that the next apply() tries a failed address again.
    this.#rules = failed.size === 0 ? [...rules] : rules.map((rule) => ({
      ...rule,
      listen: rule.listen.filter(({ hostname, port }) => !failed.has(`${hostname}:${port}`)),
    }));
    return result;
  }

  /** The listeners open now. */
  listeners(): OpenListener[] {
    return [...this.#listeners.values()].map(({ address, rule, port }) => ({
      address,
      rule,
      port,
    }));
  }

  /** Connection counters since the proxy started. */
  stats(): ProxyStats {
    return {
      connections: Object.fromEntries(this.#counts),
      refused: this.#refused,
      dropped: this.#dropped,
      active: this.#links.size,
    };
  }

  /** Closes every listener and every connection, and waits until all of them have ended. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#applying;
    const entries = [...this.#listeners.values()];
    this.#listeners.clear();
    for (const entry of entries) this.#stop(entry);
    await Promise.all(entries.map((entry) => entry.loop));
    const links = [...this.#links];
    for (const link of links) closeLink(link);
    await Promise.all(links.map((link) => link.done));
  }

  #open(listener: ProxyListener, pool: BackendPool): OpenListener | ListenFailure {
    const { address, hostname, port, rule } = listener;
    let tcp: Deno.TcpListener;
    try {
      tcp = Deno.listen({ hostname, port, transport: "tcp" });
    } catch (error) {
      return { address, rule, error: error instanceof Error ? error.message : String(error) };
    }
    const entry = {
      address,
      rule,
      port: tcp.addr.port,
      listener: tcp,
      pool,
      closed: false,
    } as Entry;
    entry.loop = this.#accept(entry);
    this.#listeners.set(address, entry);
    return { address, rule, port: entry.port };
  }

  #stop(entry: Entry): void {
    entry.closed = true;
    try {
      entry.listener.close();
    } catch { /* already closed */ }
  }

  async #accept(entry: Entry): Promise<void> {
    while (!entry.closed) {
      let client: Deno.TcpConn;
      try {
        client = await entry.listener.accept();
      } catch {
        if (entry.closed) return;
        // Out of file descriptors or the like: give the system a moment rather than spin.
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      const link: Link = { client, backend: undefined, closed: false, done: undefined };
      this.#links.add(link);
      link.done = this.#forward(link, entry.pool);
    }
  }

  async #forward(link: Link, pool: BackendPool): Promise<void> {
    try {
      for (let tries = pool.size; tries > 0 && !link.closed; tries--) {
        const target = pool.next()!;
        let backend: Deno.TcpConn;
        try {
          backend = await Deno.connect(target.options);
        } catch {
          this.#refused++;
          continue;
        }
        if (link.closed) {
          backend.close();
          return;
        }
        link.backend = backend;
        this.#counts.set(target.key, (this.#counts.get(target.key) ?? 0) + 1);
        link.client.setNoDelay(true);
        backend.setNoDelay(true);
        return await relay(link, this.#buffers);
      }
      if (!link.closed) this.#dropped++;
      closeLink(link);
    } finally {
      this.#links.delete(link);
    }
  }
}
