/**
 * The agent's service proxy: what kube-proxy does on a node, in userspace. proxyPlan() turns
 * Services and Endpoints into one rule per service port (listen on the node port at 127.0.0.1
 * and at the node's address, and on the cluster IP where it is a local address; forward to the
 * ready endpoints), diffPlan() says which listeners to open, close or re-point, and ServiceProxy
 * forwards TCP connections round robin, one backend per connection, in the same order as the
 * simulated `kclone service-route`.
 *
 * @example
 * ```ts
 * import { proxyPlan } from "./mod.ts";
 * const rules = proxyPlan([{
 *   apiVersion: "v1",
 *   kind: "Service",
 *   metadata: { name: "dns", namespace: "kube-system" },
 *   spec: { clusterIP: "127.96.0.10", ports: [{ name: "dns", port: 53, protocol: "UDP" }] },
 * }], []);
 * console.log(rules[0].skipped); // protocol UDP is not proxied (TCP only)
 * ```
 *
 * @module
 */
export type {
  ProxyBackend,
  ProxyListen,
  ProxyListener,
  ProxyPlanDiff,
  ProxyPlanOptions,
  ProxyRule,
} from "./types.ts";
export { proxyPlan } from "./proxy_plan.ts";
export { diffPlan } from "./diff_plan.ts";
export {
  type ListenFailure,
  type OpenListener,
  type ProxyApplyResult,
  type ProxyStats,
  ServiceProxy,
} from "./service_proxy.ts";
