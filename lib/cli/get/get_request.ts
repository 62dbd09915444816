/**
 * What `kclone get` was asked, and the list options it reads with.
 *
 * @module
 */
import type { ListOptions } from "../../store/store.ts";
import type { GetTarget } from "./get_targets.ts";

/** What `kclone get` was asked. */
export interface GetRequest {
  /** `KIND[,KIND] [NAME...]` or `KIND/NAME...`. */
  args: string[];
  /** Namespace of namespaced kinds. */
  namespace: string;
  /** `-o`: wide, json, yaml or name. */
  output?: string;
  /** `-l`: label selector. */
  selector?: string;
  /** `--field-selector`. */
  fieldSelector?: string;
  /** `-A`: every namespace. */
  allNamespaces?: boolean;
  /** `-w`: keep printing changes until SIGINT. */
  watch?: boolean;
  /** `--show-labels`. */
  showLabels?: boolean;
}

/** The list options of a target: namespace (unless -A or cluster-scoped) and selectors. */
export function listOptionsFor(target: GetTarget, request: GetRequest): ListOptions {
  return {
    namespace: request.allNamespaces || !target.info.namespaced ? undefined : request.namespace,
    labelSelector: request.selector,
    fieldSelector: request.fieldSelector,
  };
}
