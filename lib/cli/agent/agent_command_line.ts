import { parseServerUrls } from "../../store/remote/server_urls.ts";
import type { AgentFlagValues } from "./agent_flags.ts";
import { type AgentProgramFlag, agentProgramFlags, agentProgramHelp } from "./agent_help.ts";
import type { AgentGlobalOptions } from "./run_agent.ts";

/** What a `kclone-agent` command line asks for. */
export type AgentCommandLine =
  | { kind: "help"; text: string }
  | { kind: "version" }
  | { kind: "run"; flags: AgentFlagValues; globals: AgentGlobalOptions }
  | { kind: "error"; message: string };

interface FlagName {
  flag: AgentProgramFlag;
  long: string;
  short?: string;
  key: string;
}

function flagNames(flag: AgentProgramFlag): FlagName {
  const [, short, long] = /^(?:-(\w), )?--([\w-]+)/.exec(flag.flags)!;
  const key = long.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  return { flag, long, short, key };
}

/** The flags given, by long name, and the words that are not flags; or commander's error. */
type Tokens = { values: Map<string, string | true>; positionals: string[] } | { error: string };

/**
 * Splits a command line as commander does: `--flag value`, `--flag=value`, `-c value`, `-cvalue`,
 * switches, and `--` before words that are not flags. (Not node:util's parseArgs: loading Node's
 * util module costs the agent about 2 MB, of a 60 MB budget with 50 pods.)
 */
function tokens(args: string[], byName: Map<string, FlagName>): Tokens {
  const values = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const split = long ? arg.indexOf("=") : 2;
    const name = split > 0 ? arg.slice(0, split) : arg;
    const inline = split > 0 && split < arg.length
      ? arg.slice(long ? split + 1 : split)
      : undefined;
    const flag = byName.get(name);
    if (!flag) return { error: `unknown option '${arg}'` };
    if (flag.flag.boolean) {
      if (inline !== undefined) {
        return { error: `option '${flag.flag.flags}' does not take an argument` };
      }
      values.set(flag.long, true);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) return { error: `option '${flag.flag.flags}' argument missing` };
    values.set(flag.long, value);
  }
  return { values, positionals };
}

/**
 * Reads a `kclone-agent` command line as commander reads `kclone agent`'s: the flags of
 * agentProgramFlags(), defaults and environment variables (`env`), `--help` and `--version`.
 * Mistakes come back worded as commander words them.
 */
export function parseAgentCommandLine(
  args: string[],
  env: (name: string) => string | undefined,
): AgentCommandLine {
  const flags = agentProgramFlags();
  const names = flags.map(flagNames);
  const byName = new Map<string, FlagName>();
  for (const name of names) {
    byName.set(`--${name.long}`, name);
    if (name.short) byName.set(`-${name.short}`, name);
  }
  const read = tokens(args, byName);
  if ("error" in read) return { kind: "error", message: read.error };
  const { values, positionals } = read;
  if (values.get("help")) return { kind: "help", text: agentProgramHelp(flags) };
  if (values.get("version")) return { kind: "version" };
  if (positionals.length > 0) {
    return {
      kind: "error",
      message: `too many arguments. Expected 0 arguments but got ${positionals.length}.`,
    };
  }
  const given: Record<string, string | undefined> = {};
  for (const { flag, long, key } of names.filter((n) => !n.flag.boolean)) {
    const value = (values.get(long) as string | undefined) ??
      (flag.env ? env(flag.env) || undefined : undefined) ?? flag.defaultValue;
    if (value === undefined && flag.required) {
      return { kind: "error", message: `required option '${flag.flags}' not specified` };
    }
    given[key] = value;
  }
  if (given.server !== undefined) {
    try {
      given.server = parseServerUrls(given.server).join(",");
    } catch (error) {
      return {
        kind: "error",
        message: `option '--server <url>' argument '${given.server}' is invalid. ${
          (error as Error).message
        }`,
      };
    }
  }
  const { server, token, certificateAuthority, ...agent } = given;
  return {
    kind: "run",
    flags: agent as unknown as AgentFlagValues,
    globals: { server, token, certificateAuthority, color: values.get("no-color") !== true },
  };
}
