/**
 * The resource arguments of kubectl's verbs: `TYPE NAME...`, `TYPE1,TYPE2 NAME...` or
 * `TYPE/NAME...`, with kubectl's messages for the forms it refuses.
 *
 * @module
 */
import { type KindInfo, resolveKind } from "../../api/kinds.ts";
import { UsageError } from "../context.ts";

/** One object named on the command line. */
export interface ResourceTarget {
  /** Its kind. */
  info: KindInfo;
  /** Its name. */
  name: string;
}

/** What the resource arguments name. */
export interface ResourceArgs {
  /** The kinds given (for `-l` and `--all`); in TYPE/NAME form, the kinds of the targets. */
  kinds: KindInfo[];
  /** Named objects; empty when only kinds were given. */
  targets: ResourceTarget[];
}

/** The kind kubectl resolves from a resource name, or kubectl's error. */
export function kindArg(name: string): KindInfo {
  const info = resolveKind(name);
  if (!info) throw new UsageError(`the server doesn't have a resource type "${name}"`);
  return info;
}

const SLASH_FORM =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/**
 * Reads resource arguments as kubectl's ResourceTypeOrNameArgs does: either every argument is
 * `TYPE/NAME`, or the first is a comma-separated list of types and the rest are names.
 *
 * @example
 * ```ts
 * import { parseResourceArgs } from "./resource_args.ts";
 * const { targets } = parseResourceArgs(["deploy/web"]);
 * targets[0].info.kind; // "Deployment"
 * ```
 */
export function parseResourceArgs(args: readonly string[]): ResourceArgs {
  if (args.length === 0) return { kinds: [], targets: [] };
  if (args.some((arg) => arg.includes("/"))) {
    const targets = args.map((arg) => {
      const parts = arg.split("/");
      if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
        throw new UsageError(
          arg.includes("/")
            ? `arguments in resource/name form must have a single resource and name`
            : SLASH_FORM,
        );
      }
      return { info: kindArg(parts[0]), name: parts[1] };
    });
    const kinds = [...new Map(targets.map((t) => [t.info.kind, t.info])).values()];
    return { kinds, targets };
  }
  const kinds = args[0].split(",").filter((k) => k !== "").map(kindArg);
  const targets = kinds.flatMap((info) => args.slice(1).map((name) => ({ info, name })));
  return { kinds, targets };
}
