import { VERSION } from "../../version.ts";

/** The letters of "kclone", five rows each, in the figlet "standard" style. */
const GLYPHS: readonly (readonly string[])[] = [
  [" _    ", "| | __", "| |/ /", "|   < ", "|_|\\_\\"],
  ["      ", "  ___ ", " / __|", "| (__ ", " \\___|"],
  [" _ ", "| |", "| |", "| |", "|_|"],
  ["       ", "  ___  ", " / _ \\ ", "| (_) |", " \\___/ "],
  ["       ", " _ __  ", "| '_ \\ ", "| | | |", "|_| |_|"],
  ["      ", "  ___ ", " / _ \\", "|  __/", " \\___|"],
];

/** ANSI colours of the rows, top to bottom: a cyan-to-blue sweep. */
const ROW_COLOURS: readonly number[] = [51, 45, 39, 33, 27, 63];

/** The banner as plain text: the word, then the tagline with the version. */
export function bannerLines(): string[] {
  const rows = GLYPHS[0].map((_, row) => GLYPHS.map((g) => g[row]).join("").trimEnd());
  return [...rows, `a small Kubernetes you can read  ·  v${VERSION}`];
}

/** How showBanner() draws. */
export interface BannerOptions {
  /** Reveal the banner a row at a time (a terminal only). */
  animate?: boolean;
  /** Colour the rows. */
  color?: boolean;
  /** Milliseconds between rows when animated (default 70: the whole banner in about 0.4 s). */
  frameMs?: number;
  /** Waits between frames (tests pass one that does not). */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Prints the kclone banner: on a terminal, coloured and revealed a row at a time (under half a
 * second); otherwise one plain print with no escape codes.
 *
 * @example
 * ```ts
 * import { showBanner } from "./banner.ts";
 * await showBanner(console.log); // plain, at once
 * ```
 */
export async function showBanner(
  out: (line: string) => void,
  options: BannerOptions = {},
): Promise<void> {
  const lines = bannerLines();
  const sleep = options.sleep ?? wait;
  for (const [i, line] of lines.entries()) {
    out(options.color ? `\x1b[1;38;5;${ROW_COLOURS[i]}m${line}\x1b[0m` : line);
    if (options.animate && i < lines.length - 1) await sleep(options.frameMs ?? 70);
  }
}
