import { UsageError } from "../context.ts";

/** The flags of `kclone server` that decide how it may be reached. */
export interface ServingFlags {
  /** `--address`. */
  address: string;
  /** `--tls-cert FILE`. */
  tlsCert?: string;
  /** `--tls-key FILE`. */
  tlsKey?: string;
  /** `--require-token`. */
  requireToken?: boolean;
}

/** How `kclone server` serves: TLS files, and whether requests need the bearer token. */
export interface ServingPlan {
  /** The certificate and key files when serving HTTPS. */
  tls?: { certFile: string; keyFile: string };
  /** True when every request but the health checks must carry the bearer token. */
  requireToken: boolean;
}

/**
 * True for an address that only this machine can reach: `localhost`, 127.0.0.0/8 and `::1`
 * (in any of its spellings). Anything else, the unspecified `0.0.0.0` and `::` included, is not.
 */
export function isLoopbackAddress(address: string): boolean {
  if (address.toLowerCase() === "localhost") return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (octets) return octets.slice(1).every((octet) => Number(octet) <= 255);
  // ::1 written long or short: only zero groups, then a final 1 (0:0:0:0:0:0:0:1, ::0001).
  return /^(0{0,4}:){2,7}0{0,3}1$/.test(address) && address.split(":").length <= 8;
}

/**
 * How `kclone server` serves, decided from its flags:
 * - `--tls-cert` and `--tls-key` go together, and make it serve HTTPS on any address;
 * - an address other than loopback needs them: without, a UsageError says so;
 * - the bearer token is required with TLS, and on plain loopback with `--require-token`.
 *
 * @example
 * ```ts
 * import { servingPlan } from "./serving_plan.ts";
 * servingPlan({ address: "127.0.0.1" }); // { requireToken: false }
 * ```
 */
export function servingPlan(flags: ServingFlags): ServingPlan {
  const { address, tlsCert, tlsKey } = flags;
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new UsageError("--tls-cert and --tls-key go together: pass both, or neither");
  }
  if (tlsCert !== undefined && tlsKey !== undefined) {
    return { tls: { certFile: tlsCert, keyFile: tlsKey }, requireToken: true };
  }
  if (!isLoopbackAddress(address)) {
    throw new UsageError(
      `refusing to serve on ${address} without TLS: only loopback addresses (127.0.0.1, ::1, ` +
        `localhost) may serve plain HTTP; pass --tls-cert FILE and --tls-key FILE`,
    );
  }
  return { requireToken: flags.requireToken === true };
}
