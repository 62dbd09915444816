/**
 * What `kubectl rollout history` prints: a REVISION / CHANGE-CAUSE table, or with `--revision N`
 * that revision's pod template.
 *
 * @module
 */
import type { RevisionInfo } from "../../controllers/rollback.ts";
import { UsageError } from "../context.ts";
import { tabAlign } from "./_tab_align.ts";
import { describePodTemplate } from "./pod_template_text.ts";

/** Options of rolloutHistoryText. */
export interface RolloutHistoryTextOptions {
  /** `--revision`: show this revision's template (0 or absent: the table). */
  revision?: number;
}

/**
 * The lines kubectl prints for the history of `ref` (`deployment.apps/web`): the name printer's
 * `deployment.apps/web ` (its trailing space included), then the table or the template, then
 * the blank line kubectl ends with. Throws UsageError for a revision that is not there.
 *
 * @example
 * ```ts
 * import { rolloutHistoryText } from "./rollout_history_text.ts";
 * const template = { spec: { containers: [] } };
 * rolloutHistoryText("deployment.apps/web", [{ revision: 1, replicaSet: "web-1", template }]);
 * // ["deployment.apps/web ", "REVISION  CHANGE-CAUSE", "1         <none>", ""]
 * ```
 */
export function rolloutHistoryText(
  ref: string,
  revisions: readonly RevisionInfo[],
  options: RolloutHistoryTextOptions = {},
): string[] {
  const revision = options.revision ?? 0;
  if (revisions.length === 0) return [`${ref} `, "No rollout history found."];
  if (revision > 0) {
    const found = revisions.find((r) => r.revision === revision);
    if (!found) throw new UsageError("unable to find the specified revision");
    return [
      `${ref} with revision #${revision}`,
      ...describePodTemplate(found.template, found.changeCause),
      "",
    ];
  }
  const rows = [...revisions].sort((a, b) => a.revision - b.revision)
    .map((r) => `${r.revision}\t${r.changeCause || "<none>"}`);
  return [`${ref} `, ...tabAlign(["REVISION\tCHANGE-CAUSE", ...rows]), ""];
}
