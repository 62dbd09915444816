/**
 * Go's text/tabwriter as kubectl's describe uses it (minwidth 0, padding 2, padchar ' '): text
 * whose cells end in tabs, aligned into columns.
 *
 * @module
 */

/** Options of alignTabs(). */
export interface AlignTabsOptions {
  /** Spaces added to the widest cell of a column (default 2). */
  padding?: number;
}

/**
 * Aligns tab-terminated cells as Go's tabwriter does: a column is a block of consecutive lines
 * that all have a cell in it, as wide as its widest cell plus the padding; the text after a
 * line's last tab belongs to no column. `lines` hold no newlines.
 *
 * @example
 * ```ts
 * import { alignTabs } from "./tabwriter.ts";
 * alignTabs(["Name:\tweb", "Namespace:\tdefault"]); // ["Name:       web", "Namespace:  default"]
 * ```
 */
export function alignTabs(lines: readonly string[], options: AlignTabsOptions = {}): string[] {
  const padding = options.padding ?? 2;
  const cells = lines.map((line) => line.split("\t"));
  const out: string[] = [];
  const widths: number[] = [];
  const write = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      out.push(
        cells[i].map((cell, j) => j < widths.length ? cell.padEnd(widths[j]) : cell).join(""),
      );
    }
  };
  const format = (first: number, last: number) => {
    const column = widths.length;
    let start = first;
    let line = first;
    while (line < last) {
      if (column >= cells[line].length - 1) {
        line++;
        continue;
      }
      write(start, line);
      start = line;
      let width = 0;
      while (line < last && column < cells[line].length - 1) {
        width = Math.max(width, [...cells[line][column]].length + padding);
        line++;
      }
      widths.push(width);
      format(start, line);
      widths.pop();
      start = line;
    }
    write(start, last);
  };
  format(0, cells.length);
  return out;
}
