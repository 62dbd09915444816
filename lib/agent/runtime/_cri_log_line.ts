/** The stream a log line came from. */
export type LogStream = "stdout" | "stderr";

/** Time as the CRI log format writes it: RFC 3339 with the fraction's trailing zeros cut. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d*?)0*Z$/, (_, digits: string) => digits ? `.${digits}Z` : "Z");
}

/** The header of one CRI log entry: `<time> <stream> <F|P> `. */
export function criHeader(ms: number, stream: LogStream, partial: boolean): string {
  return `${rfc3339Nano(ms)} ${stream} ${partial ? "P" : "F"} `;
}

/** One parsed CRI log entry. */
export interface CriEntry {
  /** The time field as written. */
  time: string;
  /** stdout or stderr. */
  stream: string;
  /** True for a `P` (partial) entry whose line continues in the next entry. */
  partial: boolean;
  /** The content, without the trailing newline. */
  content: string;
}

/** Parses one line of a CRI log file; undefined for a line that is not in the format. */
export function parseCriLine(line: string): CriEntry | undefined {
  const a = line.indexOf(" ");
  const b = a < 0 ? -1 : line.indexOf(" ", a + 1);
  if (b < 0) return undefined;
  const tag = line.slice(b + 1, b + 2);
  if ((tag !== "F" && tag !== "P") || (line.length > b + 2 && line[b + 2] !== " ")) {
    return undefined;
  }
  return {
    time: line.slice(0, a),
    stream: line.slice(a + 1, b),
    partial: tag === "P",
    content: line.slice(b + 3),
  };
}
