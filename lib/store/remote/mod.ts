/**
 * A Store over the Kubernetes REST API: what `kclone --server URL[,URL...]` works through instead
 * of a database, moving on to the next server when one cannot be reached. The paths and the
 * Status mapping are pure functions of their own.
 *
 * @module
 */
export { RemoteStore, type RemoteStoreOptions } from "./remote_store.ts";
export type { ApiClientOptions } from "./_api_client.ts";
export { listQuery, resourcePath } from "./api_paths.ts";
export { errorFromStatus } from "./status_error.ts";
export { NotServedError } from "./not_served_error.ts";
export { ServerConnectionError } from "./server_connection_error.ts";
export { parseServerUrls } from "./server_urls.ts";
