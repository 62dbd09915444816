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
