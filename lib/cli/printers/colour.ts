/**
 * Colour for terminal output, through `node:util`'s styleText. Callers decide whether colour is
 * wanted (Output.color: a terminal, no NO_COLOR, no --no-color); these functions only paint.
 *
 * @module
 */
import { styleText } from "node:util";

/** The colours kclone uses. */
export type Colour = "green" | "yellow" | "red" | "cyan" | "gray" | "bold";

/** `text` in `colour` when `enabled`, else `text` unchanged. */
export function paint(text: string, colour: Colour | undefined, enabled: boolean): string {
  if (!enabled || colour === undefined || text === "") return text;
  return styleText(colour, text, { validateStream: false });
}

const RED =
  /^(Failed|Error|Unknown|NotReady|Evicted|OOMKilled|ErrImagePull|Lost)|BackOff$|Error$|^(Init:)?(ExitCode|Signal):/;
const YELLOW =
  /^(Pending|ContainerCreating|PodInitializing|Terminating|SchedulingGated|Warning|Init:)|SchedulingDisabled/;
const GREEN = /^(Running|Ready|Active|Completed|Succeeded|Bound|True)$/;

/**
 * The colour of a status word as kclone shows it: red for failures (`Failed`, `NotReady`,
 * `CrashLoopBackOff`), yellow for waiting (`Pending`, `ContainerCreating`, `Terminating`,
 * `Ready,SchedulingDisabled`, `Warning`), green for healthy (`Running`, `Ready`, `Active`).
 */
export function statusColour(status: string): Colour | undefined {
  if (RED.test(status)) return "red";
  if (YELLOW.test(status)) return "yellow";
  if (GREEN.test(status)) return "green";
  return undefined;
}

/** A status cell painted by statusColour() when `enabled`. */
export function colourStatus(status: string, enabled: boolean): string {
  return paint(status, statusColour(status), enabled);
}

// deno-lint-ignore no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The width a string takes on a terminal: escape codes count for nothing. */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, "")].length;
}
