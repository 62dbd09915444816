import type { Command } from "@commander-js/extra-typings";
import type { GlobalOptions } from "../context.ts";

/** A function that adds a group of commands to the program; `globals()` reads the global options. */
export type CommandRegistration = (program: Command, globals: () => GlobalOptions) => void;
