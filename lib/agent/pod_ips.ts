import { formatIPv4, parseCIDR, parseIPv4 } from "../network/cidr.ts";

/** True when `ip` (IPv4) is on every Linux machine: inside 127.0.0.0/8. */
export function isLoopbackIPv4(ip: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

/**
 * Pod IPs of a node's range, as a CNI plugin hands them out: the lowest free address after the
 * range's first (which is the gateway), each pod keeping its address until released.
 */
export class PodIPs {
  readonly #first: number;
  readonly #size: number;
  readonly #byPod = new Map<string, string>();
  readonly #used = new Set<string>();

  /** Addresses of `cidr` (e.g. `127.244.1.0/24`). */
  constructor(cidr: string) {
    const { network, size } = parseCIDR(cidr);
    this.#first = network;
    this.#size = size;
  }

  /** The address of pod `uid`, allocated on first call; undefined when the range is full. */
  allocate(uid: string): string | undefined {
    const held = this.#byPod.get(uid);
    if (held) return held;
    for (let offset = 2; offset < this.#size - 1; offset++) {
      const ip = formatIPv4(this.#first + offset);
      if (this.#used.has(ip)) continue;
      this.#used.add(ip);
      this.#byPod.set(uid, ip);
      return ip;
    }
    return undefined;
  }

  /**
   * Gives pod `uid` the address `ip` it had before (a restarted agent keeps its pods'
   * addresses, as their processes still listen there); false when `ip` is outside the range's
   * pod addresses or another pod's.
   */
  claim(uid: string, ip: string | undefined): boolean {
    if (ip === undefined) return false;
    if (this.#byPod.has(uid)) return this.#byPod.get(uid) === ip;
    const value = parseIPv4(ip);
    const offset = value === undefined ? -1 : value - this.#first;
    if (!(offset >= 2 && offset < this.#size - 1) || this.#used.has(ip)) return false;
    this.#used.add(ip);
    this.#byPod.set(uid, ip);
    return true;
  }

  /** Gives pod `uid`'s address back. */
  release(uid: string): void {
    const ip = this.#byPod.get(uid);
    if (ip) this.#used.delete(ip);
    this.#byPod.delete(uid);
  }
}
