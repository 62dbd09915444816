/**
 * Sends one request of tests/server/_bad_requests.ts and judges the answer.
 *
 * @module
 */
import type { BadRequest } from "./_bad_requests.ts";

/** Sends `request` to the server at `url`; a description of what was wrong, or undefined. */
export async function sendBadRequest(
  url: string,
  request: BadRequest,
): Promise<string | undefined> {
  try {
    if (request.transport === "watch-abort") return await abortWatch(url, request);
    const { status, text } = request.transport === "raw"
      ? await sendRaw(url, request)
      : await sendFetch(url, request);
    return judge(request, status, text);
  } catch (error) {
    return `request failed: ${error instanceof Error ? error.stack : String(error)}`;
  }
}

async function sendFetch(url: string, request: BadRequest) {
  const response = await fetch(`${url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  return { status: response.status, text: await response.text() };
}

/** Writes the request bytes as they are and reads the first answer (then hangs up). */
async function sendRaw(url: string, request: BadRequest) {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: Number(new URL(url).port) });
  try {
    await conn.write(new TextEncoder().encode(request.body ?? ""));
    let raw = "";
    const decoder = new TextDecoder();
    for await (const chunk of conn.readable) {
      raw += decoder.decode(chunk, { stream: true });
      if (complete(raw)) break;
    }
    const [head, ...rest] = raw.split("\r\n\r\n");
    const body = rest.join("\r\n\r\n");
    const chunked = /transfer-encoding:\s*chunked/i.test(head);
    return { status: Number(head.split(" ")[1]), text: chunked ? dechunk(body) : body };
  } finally {
    try {
      conn.close();
    } catch {
      // Closed by reading to the end.
    }
  }
}

/** True once `raw` holds a whole response: its headers and the body they announce. */
function complete(raw: string): boolean {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const head = raw.slice(0, end);
  const body = raw.slice(end + 4);
  const length = /content-length:\s*(\d+)/i.exec(head);
  if (length) return new TextEncoder().encode(body).length >= Number(length[1]);
  return body.endsWith("0\r\n\r\n");
}

function dechunk(body: string): string {
  let out = "";
  let rest = body;
  while (rest) {
    const eol = rest.indexOf("\r\n");
    const size = parseInt(rest.slice(0, eol), 16);
    if (!size) break;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
  return out;
}

/** Opens a watch, reads its first bytes and goes away. */
async function abortWatch(url: string, request: BadRequest): Promise<string | undefined> {
  const abort = new AbortController();
  const response = await fetch(`${url}${request.path}`, { signal: abort.signal });
  if (response.status !== 200) {
    return judge(request, response.status, await response.text());
  }
  const reader = response.body!.getReader();
  const first = await reader.read();
  abort.abort();
  await reader.cancel().catch(() => {});
  // A watch may end at once (a timeout of -1 has passed already) or start with an ADDED event.
  if (first.done) return undefined;
  const text = new TextDecoder().decode(first.value);
  return /^\{"type":"ADDED","object":\{/.test(text) ? undefined : `first bytes: ${text}`;
}

function judge(request: BadRequest, status: number, text: string): string | undefined {
  const got = `got ${status} ${text.slice(0, 300)}`;
  if (!request.expect.includes(status)) return `want ${request.expect.join(" or ")}, ${got}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${got}`;
  }
  if (body.kind !== "Status" || body.apiVersion !== "v1" || body.status !== "Failure") {
    return `not a failure Status: ${got}`;
  }
  if (body.code !== status) return `Status code ${body.code} differs from HTTP ${status}`;
  if (typeof body.message !== "string" || body.message === "") return `no message: ${got}`;
  if (status === 422 && request.causeField !== undefined) {
    const causes = (body.details as { causes?: { field?: string }[] } | undefined)?.causes ?? [];
    const fields = causes.map((c) => c.field);
    const ok = request.causeField === ""
      ? fields.some((f) => f)
      : fields.includes(request.causeField);
    if (!ok) return `want a cause on ${request.causeField || "a field"}, ${got}`;
  }
  return undefined;
}
