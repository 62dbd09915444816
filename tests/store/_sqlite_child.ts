/**
 * A second process for the SQLite store tests:
 * `deno run -A tests/store/_sqlite_child.ts <db> [mode] [count]`.
 *
 * - `burst` (default): creates `count` pods, one transaction each, printing `<name> <ms>` (the
 *   wall-clock time of the acknowledgement) after each write returns.
 * - `race`: prints `ready`, waits for a line on stdin, then creates pods race-0..count-1,
 *   printing `created <name>` or `exists <name>` for each.
 * - `lock`: takes the write lock (BEGIN IMMEDIATE), prints `locked`, holds it until stdin closes.
 */
import { DatabaseSync } from "node:sqlite";
import { ApiError } from "../../lib/api/errors.ts";
import type { Pod } from "../../lib/api/types.ts";
import { SqliteStore } from "../../lib/store/sqlite.ts";

/** The URL of this script, for `deno run`. */
export const CHILD_SCRIPT: string = import.meta.url;

/** The pod a child writes for a name; parents rebuild it to check what survived. */
export function childPod(name: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { writer: "child", name } },
    spec: { containers: [{ name: "app", image: `registry.local/${name}:1` }] },
    status: { phase: "Pending" },
  };
}

/** A running child: its stdout as lines, its stdin, and a stop that always reaps it. */
export interface Child {
  /** Lines the child printed, as they come. */
  lines: AsyncGenerator<string>;
  /** Writes to the child's stdin. */
  send(text: string): Promise<void>;
  /** Closes the child's stdin. */
  closeStdin(): Promise<void>;
  /** Kills the child (SIGKILL) unless it has exited, waits for it, returns the unread lines. */
  stop(): Promise<string[]>;
  /** Waits for the child to exit by itself and returns its exit code and unread lines. */
  finish(): Promise<{ code: number; rest: string[] }>;
}

/** Starts `_sqlite_child.ts` on a database. */
export function spawnChild(path: string, mode: string, count = 1000): Child {
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CHILD_SCRIPT, path, mode, String(count)],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = process.stdin.getWriter();
  let stdinOpen = true;
  const lines = readLines(process.stdout);
  const rest = async () => {
    const unread: string[] = [];
    for await (const line of lines) unread.push(line);
    if (stdinOpen) await writer.close().catch(() => {});
    stdinOpen = false;
    return unread;
  };
  return {
    lines,
    send: (text) => writer.write(new TextEncoder().encode(text)),
    closeStdin: async () => {
      if (stdinOpen) await writer.close();
      stdinOpen = false;
    },
    stop: async () => {
      try {
        process.kill("SIGKILL");
      } catch {
        // It has exited already.
      }
      await process.status;
      return await rest();
    },
    finish: async () => {
      const unread = await rest();
      return { code: (await process.status).code, rest: unread };
    },
  };
}

async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
      yield buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
    }
  }
  if (buffer) yield buffer;
}

async function stdinLine(): Promise<void> {
  const reader = Deno.stdin.readable.getReader();
  await reader.read();
  reader.releaseLock();
}

async function stdinClosed(): Promise<void> {
  for await (const _ of Deno.stdin.readable) {
    // Drain until the parent closes our stdin.
  }
}

async function main([path, mode = "burst", count = "1000"]: string[]): Promise<void> {
  if (mode === "lock") {
    const db = new DatabaseSync(path);
    db.exec("BEGIN IMMEDIATE");
    console.log("locked");
    await stdinClosed();
    db.exec("ROLLBACK");
    db.close();
    return;
  }
  const store = SqliteStore.open(path);
  if (mode === "race") {
    console.log("ready");
    await stdinLine();
  }
  for (let i = 0; i < Number(count); i++) {
    const name = `${mode}-${i}`;
    try {
      await store.create(childPod(name));
      console.log(mode === "race" ? `created ${name}` : `${name} ${Date.now()}`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.reason !== "AlreadyExists") throw error;
      console.log(`exists ${name}`);
    }
  }
  await store.close();
}

if (import.meta.main) await main(Deno.args);
