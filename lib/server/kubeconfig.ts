import { Buffer } from "node:buffer";
import { stringify } from "yaml";

/** The name of the cluster, context and user in kclone's kubeconfig. */
export const KUBECONFIG_NAME: string = "kclone";

/** Options of kubeconfigText(). */
export interface KubeconfigOptions {
  /** The bearer token the user presents (written as `user.token`). */
  token?: string;
  /**
   * The PEM certificate kubectl trusts for an `https://` server, e.g. the server's own
   * self-signed certificate (written base64-encoded as `certificate-authority-data`).
   */
  certificateAuthority?: string;
}

/**
 * A kubeconfig for a kclone API server at `server` (e.g. `http://127.0.0.1:6443`): one cluster,
 * context and user, all named `kclone`, with that context current; with the token and the
 * certificate to trust when given.
 *
 * @example
 * ```ts
 * import { kubeconfigText } from "./kubeconfig.ts";
 * const text = kubeconfigText("http://127.0.0.1:6443", { token: "s3cret" });
 * text.includes("token: s3cret"); // true
 * ```
 */
export function kubeconfigText(server: string, options: KubeconfigOptions = {}): string {
  const name = KUBECONFIG_NAME;
  const ca = options.certificateAuthority;
  const cluster = ca === undefined
    ? { server }
    : { server, "certificate-authority-data": Buffer.from(ca).toString("base64") };
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [{ name, user: options.token === undefined ? {} : { token: options.token } }],
    preferences: {},
  });
}
