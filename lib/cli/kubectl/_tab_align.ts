/**
 * Aligns tab-separated cells as Go's text/tabwriter does with kubectl's settings (minwidth 0,
 * padding 2, padded with spaces): a column is as wide as its widest cell in a block of
 * consecutive lines that have that column, plus the padding. The text after a line's last tab is
 * not a cell and is never padded. Private to lib/cli/kubectl.
 *
 * @module
 */

/** Aligns `lines` (each may hold tabs); returns them without tabs. */
export function tabAlign(lines: readonly string[], padding = 2): string[] {
  const cells = lines.map((line) => line.split("\t"));
  const widths = cells.map((row) => new Array<number>(Math.max(0, row.length - 1)).fill(0));
  const format = (from: number, to: number, column: number): void => {
    let line = from;
    while (line < to) {
      if (cells[line].length - 1 <= column) {
        line++;
        continue;
      }
      let end = line;
      let width = 0;
      while (end < to && cells[end].length - 1 > column) {
        width = Math.max(width, [...cells[end][column]].length + padding);
        end++;
      }
      for (let l = line; l < end; l++) widths[l][column] = width;
      format(line, end, column + 1);
      line = end;
    }
  };
  format(0, cells.length, 0);
  return cells.map((row, l) =>
    row.map((cell, c) => c < row.length - 1 ? cell.padEnd(widths[l][c]) : cell).join("")
  );
}
