import type { CommandRegistration } from "./_registration.ts";

/** kubectl's writing verbs: apply, create, delete, scale, rollout, set image, cordon, ... */
export const registerKubectlCommands: CommandRegistration = () => {};
