import type { CommandRegistration } from "./_registration.ts";

/** The original kclone's commands (node-add, pods, deploy-create, service-route, ...). */
export const registerOriginalCommands: CommandRegistration = () => {};
