/**
 * The agent's flags, once: `kclone agent` builds its commander options from this table and the
 * lean `kclone-agent` program reads its command line by it, so both take the same flags with
 * the same defaults and read them the same way.
 *
 * @module
 */
import type { AgentOptions } from "../../agent/agent.ts";
import { parseLabelsFlag, parseTaintsFlag } from "../original/flags.ts";
import { parseCpuFlag, parseIntegerFlag, parseMemoryFlag } from "../original/number_flags.ts";
import { parseGoDuration } from "../server/go_duration.ts";
import { UsageError } from "../usage_error.ts";

/** One flag of the agent, in commander's notation. */
export interface AgentFlag {
  /** The flags text, e.g. `-c, --cpu <cores>`. */
  readonly flags: string;
  /** The help line. */
  readonly description: string;
  /** The value when the flag is not given. */
  readonly defaultValue?: string;
  /** Whether the flag must be given. */
  readonly required?: boolean;
}

/** The agent's flags as given (strings), keyed as commander keys them (camelCase). */
export interface AgentFlagValues {
  /** `--name`. */
  name: string;
  /** `--cpu`. */
  cpu: string;
  /** `--mem`. */
  mem: string;
  /** `--labels`. */
  labels?: string;
  /** `--taints`. */
  taints?: string;
  /** `--pods`. */
  pods: string;
  /** `--address`. */
  address: string;
  /** `--port`. */
  port: string;
  /** `--pod-cidr`. */
  podCidr?: string;
  /** `--root`. */
  root?: string;
  /** `--lease-interval`. */
  leaseInterval: string;
  /** `--crash-loop-back-off`. */
  crashLoopBackOff: string;
}

/** The agent's flags, with this machine's cores and memory as the capacity defaults. */
export function agentFlags(): AgentFlag[] {
  const cores = String(navigator.hardwareConcurrency || 1);
  const mebibytes = String(Math.floor(Deno.systemMemoryInfo().total / 2 ** 20));
  return [
    { flags: "--name <node>", description: "the node's name", required: true },
    {
      flags: "-c, --cpu <cores>",
      description: "CPU to offer (default: this machine's cores)",
      defaultValue: cores,
    },
    {
      flags: "-m, --mem <MiB>",
      description: "memory to offer in MiB (default: this machine's)",
      defaultValue: mebibytes,
    },
    { flags: "-l, --labels <k=v,k=v>", description: "node labels" },
    { flags: "--taints <k=v:Effect,k=v:Effect>", description: "taints to register with" },
    { flags: "--pods <count>", description: "how many pods fit on the node", defaultValue: "110" },
    {
      flags: "--address <address>",
      description: "the node's address; the log endpoint listens there",
      defaultValue: "127.0.0.1",
    },
    {
      flags: "--port <port>",
      description: "the log endpoint's port (0 picks a free one)",
      defaultValue: "0",
    },
    {
      flags: "--pod-cidr <cidr>",
      description: "the node's pod range, inside 127.0.0.0/8 (default: from the server)",
    },
    {
      flags: "--root <dir>",
      description: "state folder: working folders, pid files, logs (default ./kclone-agent-NAME)",
    },
    {
      flags: "--lease-interval <duration>",
      description: "how often the node Lease is renewed",
      defaultValue: "10s",
    },
    {
      flags: "--crash-loop-back-off <duration>",
      description: "the first CrashLoopBackOff delay",
      defaultValue: "10s",
    },
  ];
}

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

/** What the agent's flags say of the node it runs, checked; a bad value is a UsageError. */
export type AgentFlagOptions = Omit<AgentOptions, "store" | "token" | "onProblem">;

/** Reads the agent's flags into the Agent's options; throws UsageError naming a bad flag. */
export function agentOptionsFromFlags(flags: AgentFlagValues): AgentFlagOptions {
  return {
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
}
