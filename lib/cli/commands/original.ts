import type { CommandRegistration } from "./_registration.ts";
import { registerNodeCommands } from "../original/node_commands.ts";
import { registerPodCommands } from "../original/pod_commands.ts";
import { registerDeployCommands } from "../original/deploy_commands.ts";
import { registerServiceCommands } from "../original/service_commands.ts";
import { registerStateCommands } from "../original/state_commands.ts";
import { registerUpCommand } from "../original/up_command.ts";
import { registerControlLoopCommand } from "../original/control_loop_command.ts";

/**
 * The original kclone's commands, with its names, aliases, flags and defaults: node-add, nodes,
 * remove-node, pod-create, pods, pod-delete, deploy-create, deploy-scale, service-create,
 * services, service-route, status, state-save, state-load, up (and --up), control-loop.
 */
export const registerOriginalCommands: CommandRegistration = (program, globals) => {
  for (
    const register of [
      registerNodeCommands,
      registerPodCommands,
      registerDeployCommands,
      registerServiceCommands,
      registerStateCommands,
      registerUpCommand,
      registerControlLoopCommand,
    ]
  ) register(program, globals);
};
