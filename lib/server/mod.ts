/**
 * kclone's API server: the Kubernetes REST and watch protocol over a Cluster, so that kubectl
 * talks to kclone unchanged.
 *
 * @module
 */
export { ApiServer, type ApiServerListenOptions, type ApiServerOptions } from "./api_server.ts";
export { bearerTokenCheck } from "./auth.ts";
export {
  type ManagedFieldsEntry,
  serverSideApply,
  type ServerSideApplyOptions,
} from "./apply/server_side_apply.ts";
export { type FieldSchema, type FieldShape, kindFieldSchema } from "./apply/field_schema.ts";
export type { FieldSet } from "./apply/field_set.ts";
export { decodeKubernetesProtobuf, PROTOBUF_MEDIA_TYPE } from "./protobuf/decode.ts";
export { type ListPage, listPage, type ListPageOptions } from "./list_pages.ts";
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
export { KUBECONFIG_NAME, type KubeconfigOptions, kubeconfigText } from "./kubeconfig.ts";
export { type ApiPath, parseApiPath } from "./routes.ts";
