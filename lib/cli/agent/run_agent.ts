import { Agent } from "../../agent/agent.ts";
import { AgentStartError } from "../../agent/agent_start_error.ts";
import { RemoteStore } from "../../store/remote/mod.ts";
import type { GlobalOptions } from "../global_options.ts";
import { processOutput } from "../output.ts";
import { nextStopSignal } from "../stop_signal.ts";
import { UsageError } from "../usage_error.ts";
import { type AgentFlagValues, agentOptionsFromFlags } from "./agent_flags.ts";

/** The global options the agent reads. */
export type AgentGlobalOptions = Pick<
  GlobalOptions,
  "server" | "token" | "certificateAuthority" | "color"
>;

/**
 * Runs an agent until SIGINT or SIGTERM, which stop its pods cleanly: joins the servers of
 * `options.server` as the node the flags describe, says so on stdout, and says when it stops.
 * A bad flag or no server is a UsageError, thrown before anything starts.
 */
export async function runAgent(flags: AgentFlagValues, options: AgentGlobalOptions): Promise<void> {
  if (!options.server) {
    throw new UsageError(
      "agent needs --server URL[,URL...] (or KCLONE_SERVER): the API servers to join",
    );
  }
  const agentOptions = agentOptionsFromFlags(flags);
  const out = processOutput({ color: options.color });
  const caCerts = options.certificateAuthority
    ? [await Deno.readTextFile(options.certificateAuthority)]
    : undefined;
  const store = new RemoteStore(options.server, { token: options.token, caCerts });
  const stop = nextStopSignal();
  const agent = await Agent.start({
    ...agentOptions,
    store,
    token: options.token,
    onProblem: (message) => out.err(`agent ${flags.name}: ${message}`),
  }).catch(async (error) => {
    await store.close();
    throw error instanceof AgentStartError ? new UsageError(error.message) : error;
  });
  out.out(`kclone agent ${flags.name} joined ${store.url}`);
  const signal = await stop;
  out.out(`${signal}: stopping the pods of ${flags.name}`);
  await agent.stop();
  await store.close();
  out.out(`kclone agent ${flags.name} stopped`);
}
