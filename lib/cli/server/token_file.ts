import { Buffer } from "node:buffer";
import { UsageError } from "../context.ts";

/** A bearer token as RFC 6750 spells one (b64token), long enough not to be guessed. */
const TOKEN = /^[A-Za-z0-9._~+/-]{32,}=*$/;

/** Where `kclone server` keeps the bearer token of a database: beside it, `<db>.token`. */
export function tokenFilePath(db: string): string {
  return `${db}.token`;
}

/** A new token: 32 random bytes, base64url without padding (43 characters). */
function newToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

/**
 * The token in the file at `path`; undefined when there is no file, or it is empty (as a crash
 * between creating and writing it leaves it). A token file others may read or write (any group or
 * other permission bit) or that holds something other than one token is refused with a
 * UsageError saying what to do: the token may have leaked, so it is not used, nor silently
 * replaced (that would break every kubeconfig that holds it).
 */
export async function readTokenFile(path: string): Promise<string | undefined> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  const token = (await Deno.readTextFile(path)).trim();
  if (token === "") return undefined; // nothing to leak: loadOrCreateToken() writes one, 0600
  // mode is null where the system has no Unix permissions (Windows).
  if (info.mode !== null && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, "0");
    throw new UsageError(
      `token file ${path} is open to other users (mode ${mode}): ` +
        `run chmod 600 ${path}, or delete it to make a new token`,
    );
  }
  if (!TOKEN.test(token)) {
    throw new UsageError(
      `token file ${path} does not hold a bearer token (32 or more of A-Z a-z 0-9 - . _ ~ + /): ` +
        `delete it to make a new one`,
    );
  }
  return token;
}

/** What loadOrCreateToken() found or made. */
export interface TokenFile {
  /** The bearer token. */
  token: string;
  /** True when the token was made now (there was no file, or an empty one). */
  created: boolean;
}

/**
 * The bearer token kept at `path`, made at first start and reused afterwards: a new one is
 * written with mode 0600 when there is no file or an empty one. Refuses a file that
 * readTokenFile() refuses.
 */
export async function loadOrCreateToken(path: string): Promise<TokenFile> {
  const existing = await readTokenFile(path);
  if (existing !== undefined) return { token: existing, created: false };
  const token = newToken();
  await Deno.writeTextFile(path, `${token}\n`, { mode: 0o600 });
  // An empty file that existed keeps its mode through writeTextFile: make sure of 0600.
  if (Deno.build.os !== "windows") await Deno.chmod(path, 0o600);
  return { token, created: true };
}
