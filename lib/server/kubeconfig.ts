import { stringify } from "yaml";

/** The name of the cluster, context and user in kclone's kubeconfig. */
export const KUBECONFIG_NAME: string = "kclone";

/**
 * A kubeconfig for a kclone API server at `server` (e.g. `http://127.0.0.1:6443`): one cluster,
 * context and user, all named `kclone`, with that context current.
 */
export function kubeconfigText(server: string): string {
  const name = KUBECONFIG_NAME;
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [{ name, user: {} }],
    preferences: {},
  });
}
