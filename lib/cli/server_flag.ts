import { InvalidArgumentError } from "@commander-js/extra-typings";
import { parseServerUrls } from "../store/remote/server_urls.ts";

/**
 * `--server URL[,URL...]` checked and tidied (blanks dropped, `URL1,URL2`); a bad URL is a
 * usage error naming it.
 */
export function parseServerFlag(text: string): string {
  try {
    return parseServerUrls(text).join(",");
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
