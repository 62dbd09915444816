/**
 * Every command group of the kclone CLI, each in its own file.
 *
 * @module
 */
import type { CommandRegistration } from "./_registration.ts";
import { registerOriginalCommands } from "./original.ts";
import { registerGetCommands } from "./get.ts";
import { registerKubectlCommands } from "./kubectl.ts";
import { registerServerCommand } from "../server/server_command.ts";
import { registerAgentCommand } from "../agent/agent_command.ts";

export type { CommandRegistration } from "./_registration.ts";

/** The command groups, in the order their commands appear in --help. */
export const COMMAND_GROUPS: readonly CommandRegistration[] = [
  registerOriginalCommands,
  registerGetCommands,
  registerKubectlCommands,
  registerServerCommand,
  registerAgentCommand,
];
