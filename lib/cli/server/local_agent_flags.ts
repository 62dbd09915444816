import { UsageError } from "../context.ts";
import { flagError } from "../original/flags.ts";
import { parseIntegerFlag } from "../original/number_flags.ts";
import { parseGoDuration } from "./go_duration.ts";

/** The flags of `kclone server` for its local agents, as commander hands them over. */
export interface LocalAgentFlags {
  /** `--agents N` (default `0`). */
  agents: string;
  /** `--lease-interval`, a Go duration, passed to each agent. */
  leaseInterval?: string;
  /** `--crash-loop-back-off`, a Go duration, passed to each agent. */
  crashLoopBackOff?: string;
}

/** What the server starts: how many agents, and the flags they get. */
export interface LocalAgentSettings {
  /** How many agents (0: none). */
  count: number;
  /** `--lease-interval` for each agent. */
  leaseInterval?: string;
  /** `--crash-loop-back-off` for each agent. */
  crashLoopBackOff?: string;
}

function duration(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parseGoDuration(text);
  if (!parsed.ok) throw flagError(flag, text, parsed.error);
  if (!(parsed.ms > 0)) throw flagError(flag, text, "must be above 0");
  return text;
}

/**
 * The local agents of `kclone server --agents N`, checked before anything starts: N a whole
 * number, the durations Go durations above zero (as `kclone agent` reads them), and those only
 * with agents to pass them to.
 *
 * @example
 * ```ts
 * import { localAgentSettings } from "./local_agent_flags.ts";
 * localAgentSettings({ agents: "2", leaseInterval: "2s" });
 * // { count: 2, leaseInterval: "2s", crashLoopBackOff: undefined }
 * ```
 */
export function localAgentSettings(flags: LocalAgentFlags): LocalAgentSettings {
  const count = parseIntegerFlag(flags.agents, "--agents", { min: 0 });
  const leaseInterval = duration("--lease-interval", flags.leaseInterval);
  const crashLoopBackOff = duration("--crash-loop-back-off", flags.crashLoopBackOff);
  if (count === 0 && (leaseInterval ?? crashLoopBackOff) !== undefined) {
    throw new UsageError(
      "--lease-interval and --crash-loop-back-off are passed to the agents of --agents N: give --agents too",
    );
  }
  return { count, leaseInterval, crashLoopBackOff };
}
