import { sameBackends } from "./_backends.ts";
import type { ProxyListener, ProxyPlanDiff, ProxyRule } from "./types.ts";

function listenersOf(rules: readonly ProxyRule[]): Map<string, ProxyListener> {
  const listeners = new Map<string, ProxyListener>();
  for (const rule of rules) {
    if (rule.skipped) continue;
    for (const { hostname, port } of rule.listen) {
      const address = `${hostname}:${port}`;
      if (!listeners.has(address)) {
        listeners.set(address, { address, hostname, port, rule: rule.key });
      }
    }
  }
  return listeners;
}

/**
 * What changes from the plan `old` to the plan `next`, by listen address: listeners to open,
 * listeners to close, and listeners to re-point, those that stay but serve other backends now (or
 * another rule). Re-pointing never closes a listener, so connections in flight are untouched.
 *
 * @example
 * ```ts
 * import { diffPlan } from "./diff_plan.ts";
 * import type { ProxyRule } from "./types.ts";
 * const rule: ProxyRule = {
 *   key: "default/web", namespace: "default", service: "web", portName: "", protocol: "TCP",
 *   listen: [{ hostname: "127.0.0.1", port: 30080 }],
 *   backends: [{ ip: "127.0.1.2", port: 8080, pod: "web-a", namespace: "default" }],
 * };
 * const diff = diffPlan([rule], [{ ...rule, backends: [] }]);
 * console.log(diff.repoint.map((l) => l.address)); // [ "127.0.0.1:30080" ]
 * console.log(diff.open.length, diff.close.length); // 0 0
 * ```
 */
export function diffPlan(old: readonly ProxyRule[], next: readonly ProxyRule[]): ProxyPlanDiff {
  const before = listenersOf(old), after = listenersOf(next);
  const oldRules = new Map(old.map((rule) => [rule.key, rule]));
  const changedBackends: string[] = [];
  for (const rule of next) {
    const previous = oldRules.get(rule.key);
    if (previous && !sameBackends(previous.backends, rule.backends)) changedBackends.push(rule.key);
  }
  const changed = new Set(changedBackends);
  const diff: ProxyPlanDiff = { open: [], close: [], repoint: [], changedBackends };
  for (const [address, listener] of after) {
    const was = before.get(address);
    if (!was) diff.open.push(listener);
    else if (was.rule !== listener.rule || changed.has(listener.rule)) diff.repoint.push(listener);
  }
  for (const [address, listener] of before) if (!after.has(address)) diff.close.push(listener);
  return diff;
}
