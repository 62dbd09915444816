import type { CommandRegistration } from "./_registration.ts";

/** kubectl's reading verbs: get, describe, explain-schedule. */
export const registerGetCommands: CommandRegistration = () => {};
