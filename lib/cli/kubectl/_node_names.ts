/**
 * The nodes a node command names: `node-a`, `node/node-a`, `nodes node-a node-b`, or all nodes
 * a selector picks. Private to lib/cli/kubectl.
 *
 * @module
 */
import { resolveKind } from "../../api/kinds.ts";
import type { Node } from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { UsageError } from "../context.ts";

/** Options of nodeNames. */
export interface NodeNamesOptions {
  /** `-l`: the nodes with these labels. */
  selector?: string;
  /** `--all`: every node. */
  all?: boolean;
}

/**
 * Node names from arguments; a first argument naming the node kind (`node`, `nodes`, `no`) is
 * the kind, as kubectl taint takes it, and `node/NAME` works as everywhere.
 */
export async function nodeNames(
  cluster: Cluster,
  args: readonly string[],
  options: NodeNamesOptions = {},
): Promise<string[]> {
  const names = resolveKind(args[0] ?? "")?.kind === "Node" ? args.slice(1) : [...args];
  const plain = names.map((arg) => {
    const slash = arg.indexOf("/");
    if (slash < 0) return arg;
    const kind = resolveKind(arg.slice(0, slash));
    if (kind?.kind !== "Node") {
      throw new UsageError(
        `invalid resource type ${arg.slice(0, slash)}, only node types are supported`,
      );
    }
    return arg.slice(slash + 1);
  });
  if (options.selector === undefined && !options.all) return plain;
  if (plain.length > 0) {
    throw new UsageError("cannot specify both a node name and a --selector option");
  }
  const nodes = await cluster.list(
    "Node",
    options.selector ? { labelSelector: options.selector } : {},
  );
  return (nodes as Node[]).map((n) => n.metadata.name!);
}
