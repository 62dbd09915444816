/**
 * The agent's command: `kclone agent` in the CLI, and the whole of the lean `kclone-agent`
 * program (agent.ts). Everything imported here stays light (no cluster, no API server, no zod or
 * yaml): the agent process keeps only what it runs.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { Agent } from "../../agent/agent.ts";
import { RemoteStore } from "../../store/remote/mod.ts";
import type { GlobalOptions } from "../global_options.ts";
import { parseLabelsFlag, parseTaintsFlag } from "../original/flags.ts";
import { parseCpuFlag, parseIntegerFlag, parseMemoryFlag } from "../original/number_flags.ts";
import { processOutput } from "../output.ts";
import { parseGoDuration } from "../server/go_duration.ts";
import { nextStopSignal } from "../stop_signal.ts";
import { UsageError } from "../usage_error.ts";

/** The global options the agent reads. */
export type AgentGlobalOptions = Pick<
  GlobalOptions,
  "server" | "token" | "certificateAuthority" | "color"
>;

function duration(text: string, flag: string): number {
  const parsed = parseGoDuration(text);
  if (!parsed.ok || parsed.ms <= 0) {
    throw new UsageError(
      `invalid argument "${text}" for "${flag}" flag: ${
        parsed.ok ? "must be above 0" : parsed.error
      }`,
    );
  }
  return parsed.ms;
}

/**
 * Makes `command` the agent: its description, flags and action. A node that runs real work: it
 * registers its Node, renews its Lease, runs the pods the scheduler binds to it as processes,
 * serves their logs and proxies Service traffic, until SIGINT or SIGTERM (which stop its pods
 * cleanly). Given several servers of one cluster it works through the first and moves to the
 * next when its server cannot be reached, its pods running on.
 */
export function defineAgentCommand(command: Command, globals: () => AgentGlobalOptions): void {
  const cores = String(navigator.hardwareConcurrency || 1);
  const mebibytes = String(Math.floor(Deno.systemMemoryInfo().total / 2 ** 20));
  command
    .description("join a kclone server as a node that runs pods as real processes, until Ctrl-C")
    .requiredOption("--name <node>", "the node's name")
    .option("-c, --cpu <cores>", "CPU to offer (default: this machine's cores)", cores)
    .option("-m, --mem <MiB>", "memory to offer in MiB (default: this machine's)", mebibytes)
    .option("-l, --labels <k=v,k=v>", "node labels")
    .option("--taints <k=v:Effect,k=v:Effect>", "taints to register with")
    .option("--pods <count>", "how many pods fit on the node", "110")
    .option(
      "--address <address>",
      "the node's address; the log endpoint listens there",
      "127.0.0.1",
    )
    .option("--port <port>", "the log endpoint's port (0 picks a free one)", "0")
    .option(
      "--pod-cidr <cidr>",
      "the node's pod range, inside 127.0.0.0/8 (default: from the server)",
    )
    .option(
      "--root <dir>",
      "state folder: working folders, pid files, logs (default ./kclone-agent-NAME)",
    )
    .option("--lease-interval <duration>", "how often the node Lease is renewed", "10s")
    .option("--crash-loop-back-off <duration>", "the first CrashLoopBackOff delay", "10s")
    .action(async (flags) => {
      const options = globals();
      if (!options.server) {
        throw new UsageError(
          "agent needs --server URL[,URL...] (or KCLONE_SERVER): the API servers to join",
        );
      }
      const agentOptions = {
        name: flags.name,
        cpu: parseCpuFlag(flags.cpu, "--cpu"),
        memory: parseMemoryFlag(flags.mem, "--mem"),
        pods: parseIntegerFlag(flags.pods, "--pods", { min: 0 }),
        labels: flags.labels === undefined ? undefined : parseLabelsFlag(flags.labels, "--labels"),
        taints: flags.taints === undefined ? undefined : parseTaintsFlag(flags.taints, "--taints"),
        address: flags.address,
        port: parseIntegerFlag(flags.port, "--port", { min: 0 }),
        podCIDR: flags.podCidr,
        root: flags.root ?? `./kclone-agent-${flags.name}`,
        leaseIntervalMs: duration(flags.leaseInterval, "--lease-interval"),
        backOffScale: duration(flags.crashLoopBackOff, "--crash-loop-back-off") / 10_000,
      };
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
        throw error;
      });
      out.out(`kclone agent ${flags.name} joined ${store.url}`);
      const signal = await stop;
      out.out(`${signal}: stopping the pods of ${flags.name}`);
      await agent.stop();
      await store.close();
      out.out(`kclone agent ${flags.name} stopped`);
    });
}

/**
 * `kclone agent --server URL[,URL...] --name NODE`: the agent as a command of the kclone CLI
 * (see defineAgentCommand()).
 */
export function registerAgentCommand(
  program: Command,
  globals: () => AgentGlobalOptions,
): void {
  defineAgentCommand(program.command("agent"), globals);
}
