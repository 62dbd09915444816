import type { Container } from "../../api/types.ts";
import { expandVariables } from "./expand_variables.ts";

/**
 * The argv a container runs: `command` then `args`, each expanded with Kubernetes' `$(VAR)`
 * rules against the container's environment. No shell is involved; a pod that wants one writes
 * `["sh", "-c", "..."]`. Undefined when the container has no `command`: Kubernetes would run the
 * image's entrypoint, which kclone cannot, so the caller keeps such a container simulated.
 *
 * @example
 * ```ts
 * import { commandLine } from "./command_line.ts";
 * commandLine({ name: "app", command: ["echo"], args: ["$(MSG)", "$$(MSG)"] }, { MSG: "hi" });
 * // ["echo", "hi", "$(MSG)"]
 * ```
 */
export function commandLine(
  container: Container,
  env: Readonly<Record<string, string>>,
): string[] | undefined {
  if (!container.command?.length) return undefined;
  return [...container.command, ...(container.args ?? [])].map((part) =>
    expandVariables(part, env)
  );
}
