import { UsageError } from "../context.ts";

/** The PEM texts `kclone server` serves HTTPS with. */
export interface TlsPair {
  /** The certificate (chain). */
  cert: string;
  /** Its private key. */
  key: string;
}

/** The text of a PEM file named by `flag`; a UsageError naming the flag when it cannot be read. */
export async function readTlsFile(path: string, flag: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
      throw new UsageError(`cannot read ${flag} ${path}: ${error.message}`);
    }
    throw error;
  }
}

/** Reads `--tls-cert` and `--tls-key`. */
export async function readTlsPair(
  files: { certFile: string; keyFile: string },
): Promise<TlsPair> {
  return {
    cert: await readTlsFile(files.certFile, "--tls-cert"),
    key: await readTlsFile(files.keyFile, "--tls-key"),
  };
}

/**
 * The error to report when listening failed: a UsageError for what the user can fix (a taken
 * or foreign address, PEM files that hold no certificate or key), the error itself otherwise.
 */
export function listenError(error: unknown, address: string, port: number): unknown {
  if (error instanceof Deno.errors.InvalidData) {
    return new UsageError(`--tls-cert and --tls-key must be PEM files: ${error.message}`);
  }
  if (
    error instanceof Deno.errors.AddrInUse || error instanceof Deno.errors.AddrNotAvailable ||
    error instanceof URIError
  ) {
    return new UsageError(`cannot listen on ${address} port ${port}: ${error.message}`);
  }
  return error;
}
