import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";
import { makePod } from "../_fixtures.ts";

const PODS = "http://kclone/api/v1/namespaces/default/pods";
const MIB = 1024 * 1024;

const TOO_LARGE = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "Request entity too large: limit is 3145728",
  reason: "RequestEntityTooLarge",
  code: 413,
};

async function withServer(fn: (server: ApiServer, cluster: Cluster) => Promise<void>) {
  const cluster = await Cluster.open();
  try {
    await fn(new ApiServer(cluster), cluster);
  } finally {
    await cluster.close();
  }
}

/** A pod's JSON padded with spaces (still valid JSON) to exactly `size` bytes. */
function paddedPod(name: string, size: number): string {
  const json = JSON.stringify(makePod(name));
  return json + " ".repeat(size - json.length);
}

function send(server: ApiServer, url: string, body: BodyInit, init: RequestInit = {}) {
  return server.handle(
    new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      ...init,
    }),
  );
}

Deno.test("a 4 MiB body gets 413 RequestEntityTooLarge and changes nothing", async () => {
  await withServer(async (server, cluster) => {
    const response = await send(server, PODS, paddedPod("big", 4 * MIB));
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), TOO_LARGE);
    assert.deepEqual(await cluster.list("Pod"), []);
  });
});

Deno.test("a body of exactly 3 MiB is read; one byte more is not", async () => {
  await withServer(async (server, cluster) => {
    const at = await send(server, PODS, paddedPod("at-limit", 3 * MIB));
    assert.equal(at.status, 201);
    await at.body?.cancel();
    const over = await send(server, PODS, paddedPod("over-limit", 3 * MIB + 1));
    assert.equal(over.status, 413);
    await over.body?.cancel();
    assert.deepEqual((await cluster.list("Pod")).map((p) => p.metadata.name), ["at-limit"]);
  });
});

Deno.test("a Content-Length over the limit gets 413 before a byte of the body is read", async () => {
  await withServer(async (server) => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: () => {
        pulls++;
        return new Promise(() => {}); // never delivers: only the header can answer
      },
    }, { highWaterMark: 0 });
    const response = await send(server, PODS, body, {
      headers: { "content-type": "application/json", "content-length": String(4 * MIB) },
      duplex: "half",
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), TOO_LARGE);
    assert.equal(pulls, 0);
  });
});

Deno.test("an endless chunked body is cut off just past the limit", async () => {
  await withServer(async (server) => {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulled += MIB;
        controller.enqueue(new Uint8Array(MIB).fill(32));
      },
      cancel: () => {
        cancelled = true;
      },
    }, { highWaterMark: 0 });
    const response = await send(server, PODS, body, { duplex: "half" } as RequestInit);
    assert.equal(response.status, 413);
    await response.body?.cancel();
    assert.equal(pulled, 4 * MIB); // the fourth MiB crosses 3 MiB; nothing after it is asked for
    assert.equal(cancelled, true);
  });
});

Deno.test("PATCH (apply too), PUT and DELETE bodies are held to the same limit", async () => {
  await withServer(async (server, cluster) => {
    const created = await cluster.create(makePod("web"));
    const url = `${PODS}/web`;
    const big = " ".repeat(4 * MIB) + "{}";
    const requests: [string, string][] = [
      ["PATCH", "application/merge-patch+json"],
      ["PATCH", "application/apply-patch+yaml"],
      ["PUT", "application/json"],
      ["DELETE", "application/json"],
    ];
    for (const [method, type] of requests) {
      const response = await send(server, url, big, { method, headers: { "content-type": type } });
      assert.equal(response.status, 413, method);
      assert.equal((await response.json()).reason, "RequestEntityTooLarge");
    }
    const after = await cluster.get("Pod", "web");
    assert.equal(after?.metadata.resourceVersion, created.metadata.resourceVersion);
  });
});

Deno.test("over the network a 4 MiB POST gets the 413 Status", async () => {
  await withServer(async (server, cluster) => {
    const url = await server.start({ port: 0 });
    try {
      const response = await fetch(`${url}/api/v1/namespaces/default/pods`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: paddedPod("big", 4 * MIB),
      });
      assert.equal(response.status, 413);
      assert.deepEqual(await response.json(), TOO_LARGE);
      assert.deepEqual(await cluster.list("Pod"), []);
    } finally {
      await server.stop();
    }
  });
});
