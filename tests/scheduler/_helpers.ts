/**
 * Helpers for scheduler tests: a cache built from nodes and bound pods, and one plugin run the
 * way the framework runs it (pre-hook, then the per-node hook).
 *
 * @module
 */
import type { Node, Pod } from "../../lib/api/types.ts";
import {
  NodeInfoCache,
  type Plugin,
  type PluginStatus,
  podInfoOf,
  SKIP,
} from "../../lib/scheduler/mod.ts";

/** A cache holding the nodes and the (bound) pods. */
export function cacheOf(nodes: Node[], pods: Pod[] = []): NodeInfoCache {
  const cache = new NodeInfoCache();
  for (const node of nodes) cache.addNode(node);
  for (const pod of pods) cache.addPod(pod);
  return cache;
}

/** The filter's verdict on one node: its reasons, `[]` for Success, or `Skip`. */
export function filterReasons(
  plugin: Plugin<unknown, unknown>,
  pod: Pod,
  cache: NodeInfoCache,
  nodeName: string,
): readonly string[] | "Skip" {
  const status = filterStatus(plugin, pod, cache, nodeName);
  return status === "Skip" ? status : status?.reasons ?? [];
}

/** The filter's status on one node (undefined: Success), or `Skip`. */
export function filterStatus(
  plugin: Plugin<unknown, unknown>,
  pod: Pod,
  cache: NodeInfoCache,
  nodeName: string,
): PluginStatus | undefined | "Skip" {
  const info = podInfoOf(pod);
  const state = plugin.preFilter ? plugin.preFilter(info, cache) : info;
  if (state === SKIP) return "Skip";
  return plugin.filter!(state, cache.get(nodeName)!);
}

/** Raw and normalised scores of every node of the cache (name order), or `Skip`. */
export function scores(
  plugin: Plugin<unknown, unknown>,
  pod: Pod,
  cache: NodeInfoCache,
): { raw: number[]; normalized: number[] } | "Skip" {
  const info = podInfoOf(pod);
  const nodes = cache.nodeInfos();
  const state = plugin.preScore ? plugin.preScore(info, nodes, cache) : info;
  if (state === SKIP) return "Skip";
  const raw = nodes.map((node) => plugin.score!(state, node));
  const normalized = [...raw];
  plugin.normalize?.(state, normalized);
  return { raw, normalized };
}
