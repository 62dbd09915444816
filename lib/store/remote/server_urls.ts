/**
 * The servers of `--server URL[,URL...]` (or of a list given as it is): split at commas,
 * trimmed, blanks dropped. Each must be an http or https URL; a TypeError names the first that
 * is not.
 *
 * @example
 * ```ts
 * import { parseServerUrls } from "./server_urls.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseServerUrls("http://127.0.0.1:6443, http://127.0.0.1:6444"), [
 *   "http://127.0.0.1:6443",
 *   "http://127.0.0.1:6444",
 * ]);
 * ```
 */
export function parseServerUrls(urls: string | readonly string[]): string[] {
  const list = (typeof urls === "string" ? urls.split(",") : urls.flatMap((u) => u.split(",")))
    .map((url) => url.trim())
    .filter((url) => url !== "");
  for (const url of list) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new TypeError(`"${url}" is not an http or https URL`);
    }
  }
  return list;
}
