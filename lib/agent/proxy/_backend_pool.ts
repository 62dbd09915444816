import { indexAfter, sameBackends } from "./_backends.ts";
import type { ProxyBackend } from "./types.ts";

/** A backend with what connecting to it needs, built once per change, not per connection. */
export interface Target {
  /** The endpoint. */
  backend: ProxyBackend;
  /** `ip:port`, the key of the connection counters. */
  key: string;
  /** Options for Deno.connect(). */
  options: Deno.ConnectOptions;
}

/** The backends of one rule and its round-robin cursor. */
export class BackendPool {
  #backends: readonly ProxyBackend[] = [];
  #targets: Target[] = [];
  #index = -1;
  #last: ProxyBackend | undefined;

  /** How many backends there are. */
  get size(): number {
    return this.#targets.length;
  }

  /**
   * Points the pool at `backends` (in rotation order). The rotation goes on with the first
   * backend after the one served last, as ServiceRouter's does after an Endpoints change.
   */
  set(backends: readonly ProxyBackend[]): void {
    if (sameBackends(this.#backends, backends)) return;
    this.#backends = backends;
    this.#targets = backends.map((backend) => ({
      backend,
      key: `${backend.ip}:${backend.port}`,
      options: { hostname: backend.ip, port: backend.port, transport: "tcp" },
    }));
    this.#index = indexAfter(backends, this.#last) - 1;
  }

  /** The next backend in the rotation, undefined when there is none. */
  next(): Target | undefined {
    const targets = this.#targets;
    if (targets.length === 0) return undefined;
    const index = this.#index + 1 >= targets.length ? 0 : this.#index + 1;
    this.#index = index;
    const target = targets[index];
    this.#last = target.backend;
    return target;
  }
}
