import { InvalidArgumentError } from "@commander-js/extra-typings";
import { ApiError } from "../api/errors.ts";
import { Cluster, type ClusterOptions } from "../cluster/cluster.ts";
import { StoreOpenError } from "../store/sqlite.ts";
import { NotServedError } from "../store/remote/not_served_error.ts";
import { ServerConnectionError } from "../store/remote/server_connection_error.ts";
import { parseServerUrls } from "../store/remote/server_urls.ts";

/** The options every command has. */
export interface GlobalOptions {
  /** The SQLite database (env KCLONE_DB, default ./kclone.db). */
  db: string;
  /**
   * URLs of running `kclone server`s of one cluster, comma-separated (env KCLONE_SERVER): work
   * through their API, not the database, on the first that answers.
   */
  server?: string;
  /** Client URLs of etcd members (env KCLONE_ETCD): keep the cluster in etcd, not the database. */
  etcd?: string[];
  /** Bearer token for the server (env KCLONE_TOKEN). */
  token?: string;
  /** A PEM file of the certificate authority that signed an https server's certificate. */
  certificateAuthority?: string;
  /** Namespace of namespaced objects (default `default`). */
  namespace?: string;
  /** False with --no-color. */
  color: boolean;
  /** Show the banner first. */
  up?: boolean;
}

/** Where a command prints: stdout and stderr, and whether colour is wanted on each. */
export interface Output {
  /** Prints a line on stdout. */
  out(line?: string): void;
  /** Prints a line on stderr. */
  err(line?: string): void;
  /** True when stdout is a terminal and colour is allowed (no --no-color, no NO_COLOR). */
  color: boolean;
  /** True when stdout is a terminal. */
  isTerminal: boolean;
  /** True when stderr is a terminal (for progress bars). */
  stderrIsTerminal: boolean;
}

/** The real output of the process. */
export function processOutput(options: { color?: boolean } = {}): Output {
  const isTerminal = Deno.stdout.isTerminal();
  const noColor = (Deno.env.get("NO_COLOR") ?? "") !== "";
  return {
    out: (line = "") => console.log(line),
    err: (line = "") => console.error(line),
    isTerminal,
    stderrIsTerminal: Deno.stderr.isTerminal(),
    color: isTerminal && !noColor && options.color !== false,
  };
}

/** A user mistake: printed as `error: <message>`, exit 1. */
export class UsageError extends Error {
  /** Makes a usage error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Opens the cluster a command works on, runs `work`, and closes it whatever happens. */
export async function withCluster<T>(
  options: GlobalOptions,
  work: (cluster: Cluster) => Promise<T>,
): Promise<T> {
  const cluster = await Cluster.open(await clusterOptions(options));
  try {
    return await work(cluster);
  } finally {
    await cluster.close();
  }
}

/**
 * Where Cluster.open goes: the server of --server (with its token and CA), else etcd with
 * --etcd, else the database.
 */
export async function clusterOptions(options: GlobalOptions): Promise<ClusterOptions> {
  if (!options.server) return options.etcd ? { etcd: options.etcd } : { db: options.db };
  const caCerts = options.certificateAuthority
    ? [await Deno.readTextFile(options.certificateAuthority)]
    : undefined;
  return { server: options.server, token: options.token, caCerts };
}

/**
 * `--server URL[,URL...]` checked and tidied (blanks dropped, `URL1,URL2`); a bad URL is a
 * usage error naming it.
 */
export function parseServerFlag(text: string): string {
  try {
    return parseServerUrls(text).join(",");
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** The URLs of `--etcd URL[,URL...]`: split at commas, blanks dropped. */
export function parseEtcdUrls(text: string): string[] {
  return text.split(",").map((url) => url.trim()).filter((url) => url !== "");
}

/**
 * The one line a failed command prints, as kubectl prints it: `Error from server (NotFound):
 * deployments.apps "web" not found` for API errors, `error: ...` for the rest. Undefined for a
 * bug, which keeps its stack trace.
 */
export function errorLine(error: unknown): string | undefined {
  if (error instanceof ApiError && error.reason === "Unauthorized") {
    return `error: You must be logged in to the server (${error.message})`;
  }
  if (error instanceof ApiError) return `Error from server (${error.reason}): ${error.message}`;
  if (error instanceof ServerConnectionError) return error.message;
  if (
    error instanceof StoreOpenError || error instanceof UsageError ||
    error instanceof NotServedError
  ) {
    return `error: ${error.message}`;
  }
  if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
    return `error: ${error.message}`;
  }
  return undefined;
}
