/**
 * Finding the objects a command names: one by kind and name (NotFound as kube-apiserver words
 * it), or all of some kinds by selector. Private to lib/cli/kubectl.
 *
 * @module
 */
import { NotFoundError } from "../../api/errors.ts";
import type { KindInfo } from "../../api/kinds.ts";
import type { AnyObject } from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { UsageError } from "../context.ts";
import type { ResourceTarget } from "./resource_args.ts";

/** The resource of a kind as errors name it: `deployments.apps`, `pods`. */
export function resourceName(info: KindInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** The kind as kubectl's delete names it: `deployment.apps`, `pod`. */
export function kindName(info: KindInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

/** The namespace an object of `info` lives in: undefined for cluster-scoped kinds. */
export function namespaceFor(info: KindInfo, namespace: string | undefined): string | undefined {
  return info.namespaced ? namespace ?? "default" : undefined;
}

/** An object that must exist: a copy the caller may change, or NotFound. */
export async function mustGet(
  cluster: Cluster,
  target: { info: KindInfo; name: string; namespace?: string },
): Promise<AnyObject> {
  const { info, name, namespace } = target;
  const object = await cluster.get(info.kind, name, { namespace: namespaceFor(info, namespace) });
  if (!object) throw new NotFoundError(resourceName(info), name);
  return structuredClone(object) as AnyObject;
}

/** Options of listSelected. */
export interface SelectOptions {
  /** Namespace of namespaced kinds (default `default`). */
  namespace?: string;
  /** `-A`: every namespace. */
  allNamespaces?: boolean;
  /** `-l`: a label selector. */
  selector?: string;
}

/** The objects of `kinds` that a selector (or `--all`) picks, kind by kind. */
export async function listSelected(
  cluster: Cluster,
  kinds: readonly KindInfo[],
  options: SelectOptions = {},
): Promise<{ info: KindInfo; object: AnyObject }[]> {
  const found: { info: KindInfo; object: AnyObject }[] = [];
  for (const info of kinds) {
    const namespace = options.allNamespaces ? undefined : namespaceFor(info, options.namespace);
    const items = await cluster.list(info.kind, {
      ...(namespace ? { namespace } : {}),
      ...(options.selector ? { labelSelector: options.selector } : {}),
    });
    for (const object of items) found.push({ info, object: object as AnyObject });
  }
  return found;
}

/** What a verb acts on: the named objects, or those a selector (or `--all`) picks. */
export interface TargetOptions extends SelectOptions {
  /** `--all`. */
  all?: boolean;
}

/**
 * The objects a verb acts on, as kubectl resolves `TYPE NAME...`, `-l SELECTOR` and `--all`:
 * UsageError when kinds are given without names and without a selector.
 */
export async function chooseTargets(
  cluster: Cluster,
  resources: { kinds: readonly KindInfo[]; targets: ResourceTarget[] },
  options: TargetOptions = {},
): Promise<(ResourceTarget & { namespace?: string })[]> {
  if (options.selector !== undefined || options.all) {
    return (await listSelected(cluster, resources.kinds, options)).map(({ info, object }) => ({
      info,
      name: object.metadata.name!,
      namespace: object.metadata.namespace,
    }));
  }
  if (resources.targets.length === 0) {
    throw new UsageError("resource(s) were provided, but no name was specified");
  }
  return resources.targets;
}
