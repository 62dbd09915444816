/**
 * `kclone agent`: the agent as a command of the kclone CLI. The lean `kclone-agent` program
 * (agent.ts) takes the same flags (agent_flags.ts) without commander, and runs the same
 * runAgent(). Everything imported here stays light (no cluster, no API server, no zod or yaml).
 *
 * @module
 */
import { type Command, Option } from "@commander-js/extra-typings";
import { agentFlags, type AgentFlagValues } from "./agent_flags.ts";
import { AGENT_DESCRIPTION } from "./agent_help.ts";
import { type AgentGlobalOptions, runAgent } from "./run_agent.ts";

/**
 * `kclone agent --server URL[,URL...] --name NODE`: a node that runs real work. It registers its
 * Node, renews its Lease, runs the pods the scheduler binds to it as processes, serves their logs
 * and proxies Service traffic, until SIGINT or SIGTERM (which stop its pods cleanly). Given
 * several servers of one cluster it works through the first and moves to the next when its
 * server cannot be reached, its pods running on.
 */
export function registerAgentCommand(
  program: Command,
  globals: () => AgentGlobalOptions,
): void {
  const command = program.command("agent").description(AGENT_DESCRIPTION);
  for (const flag of agentFlags()) {
    const option = new Option(flag.flags, flag.description);
    if (flag.defaultValue !== undefined) option.default(flag.defaultValue);
    if (flag.required) option.makeOptionMandatory();
    command.addOption(option);
  }
  command.action((flags) => runAgent(flags as unknown as AgentFlagValues, globals()));
}
