/**
 * What `get` and `describe` are asked for: kinds by any kubectl name (`po`, `deploy`, `all`,
 * `pods,svc`), optionally with names, or `kind/name` pairs.
 *
 * @module
 */
import { type KindInfo, resolveKind } from "../../api/kinds.ts";
import { NotFoundError } from "../../api/errors.ts";
import { UsageError } from "../context.ts";

/** The kinds `get all` lists, in kubectl's order. */
export const ALL_KINDS: readonly string[] = ["Pod", "Service", "Deployment", "ReplicaSet"];

/** One kind asked for, with the names asked for (none: every object). */
export interface GetTarget {
  /** The kind. */
  info: KindInfo;
  /** Names asked for, in order. */
  names: string[];
}

/** A kind by a kubectl name, or UsageError `the server doesn't have a resource type "x"`. */
export function kindByName(name: string): KindInfo {
  const info = resolveKind(name);
  if (!info) throw new UsageError(`the server doesn't have a resource type "${name}"`);
  return info;
}

/**
 * Reads `get`'s arguments as kubectl does: `KIND[,KIND...] [NAME...]` (`all` is pods, services,
 * deployments and replicasets) or `KIND/NAME...`.
 */
export function getTargets(args: readonly string[]): GetTarget[] {
  if (args.length === 0) throw new UsageError("You must specify the type of resource to get.");
  if (args.every((a) => a.includes("/"))) {
    const targets: GetTarget[] = [];
    for (const arg of args) {
      const [kind, name] = [arg.slice(0, arg.indexOf("/")), arg.slice(arg.indexOf("/") + 1)];
      const info = kindByName(kind);
      const target = targets.find((t) => t.info === info);
      if (target) target.names.push(name);
      else targets.push({ info, names: [name] });
    }
    return targets;
  }
  if (args.slice(1).some((a) => a.includes("/"))) {
    throw new UsageError(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kclone get resource/<resource_name>' instead of 'kclone get resource resource/<resource_name>'",
    );
  }
  const kinds = args[0].split(",").filter(Boolean).flatMap((k) =>
    k.toLowerCase() === "all" ? ALL_KINDS.map(kindByName) : [kindByName(k)]
  );
  const unique = [...new Set(kinds)];
  if (args.length > 1 && unique.length > 1) {
    throw new UsageError("you must specify only one resource type when giving names");
  }
  return unique.map((info) => ({ info, names: args.slice(1) }));
}

/** NotFound as kube-apiserver words it: `deployments.apps "web" not found`. */
export function notFound(info: KindInfo, name: string): NotFoundError {
  return new NotFoundError(info.group ? `${info.resource}.${info.group}` : info.resource, name);
}
