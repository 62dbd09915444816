import { type AgentFlag, agentFlags } from "./agent_flags.ts";

/** What the agent is, as its help says it. */
export const AGENT_DESCRIPTION =
  "join a kclone server as a node that runs pods as real processes, until Ctrl-C";

/** A flag of the lean `kclone-agent` program that `kclone agent` takes as a global option. */
export interface AgentProgramFlag extends AgentFlag {
  /** The environment variable that gives its value when the flag is absent. */
  readonly env?: string;
  /** Whether it takes no value (a switch). */
  readonly boolean?: boolean;
}

/** `kclone-agent`'s own flags besides the agent's: version, servers, credentials, colour, help. */
export function agentProgramFlags(): AgentProgramFlag[] {
  return [
    { flags: "-v, --version", description: "print the kclone version", boolean: true },
    {
      flags: "--server <url>",
      description: "the API servers to join (URL[,URL...]: the first that answers)",
      env: "KCLONE_SERVER",
    },
    { flags: "--token <token>", description: "bearer token for --server", env: "KCLONE_TOKEN" },
    {
      flags: "--certificate-authority <file>",
      description: "CA certificate (PEM) of an https --server",
    },
    { flags: "--no-color", description: "never colour the output", boolean: true },
    ...agentFlags(),
    { flags: "-h, --help", description: "show help", boolean: true },
  ];
}

/** The help line of a flag: its description, then its environment variable and default. */
function helpLine(flag: AgentProgramFlag): string {
  const env = flag.env ? ` (env: ${flag.env})` : "";
  const defaultValue = flag.defaultValue === undefined ? "" : ` (default: "${flag.defaultValue}")`;
  return `${flag.description}${env}${defaultValue}`;
}

/** `kclone-agent --help`, laid out as commander lays out the help of `kclone agent`. */
export function agentProgramHelp(flags: AgentProgramFlag[] = agentProgramFlags()): string {
  const width = Math.max(...flags.map((flag) => flag.flags.length)) + 2;
  return [
    "Usage: kclone-agent [options]",
    "",
    AGENT_DESCRIPTION,
    "",
    "Options:",
    ...flags.map((flag) => `  ${flag.flags.padEnd(width)}${helpLine(flag)}`),
    "",
  ].join("\n");
}
