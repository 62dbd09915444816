/**
 * kclone's API server: the Kubernetes REST and watch protocol over a Cluster, so that kubectl
 * talks to kclone unchanged.
 *
 * @module
 */
export { ApiServer, type ApiServerListenOptions } from "./api_server.ts";
export {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  KUBERNETES_VERSION,
  RESOURCE_VERBS,
  type VersionInfo,
  versionInfo,
} from "./discovery.ts";
export { KUBECONFIG_NAME, kubeconfigText } from "./kubeconfig.ts";
export { type ApiPath, parseApiPath } from "./routes.ts";
