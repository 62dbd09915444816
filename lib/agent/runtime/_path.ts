/**
 * Paths of the agent's files, joined with `/` (the agent runs on Linux only: pod addresses in
 * 127.0.0.0/8, /proc). Not node:path: loading Node's path module costs the agent about 1 MB of
 * memory, a budget counted in megabytes (60 MB with 50 pods).
 */
export function joinPath(...parts: string[]): string {
  return parts.join("/");
}

/** `path` from the root of the file system (relative paths are taken from the current folder). */
export function absolute(path: string): string {
  return path.startsWith("/") ? path : joinPath(Deno.cwd(), path);
}
