import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";

const LOG = "/api/v1/namespaces/default/pods/web/log";

/** A fake agent's log endpoint: answers what it was asked, line by line. */
function fakeAgent(seen: string[]): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const url = new URL(request.url);
    seen.push(`${url.pathname}?${url.searchParams} ${request.headers.get("authorization")}`);
    if (url.pathname.endsWith("/sidecar")) {
      return Response.json({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        reason: "BadRequest",
        code: 400,
        message: 'container "sidecar" in pod "web" is waiting to start: ContainerCreating',
      }, { status: 400 });
    }
    return new Response("line 1\nline 2\n");
  });
}

async function withAgentNode(
  fn: (server: ApiServer, seen: string[]) => Promise<void>,
  agentPort?: (port: number) => number,
): Promise<void> {
  const seen: string[] = [];
  const agent = fakeAgent(seen);
  const cluster = await Cluster.open();
  const server = new ApiServer(cluster, { token: "s3cret" });
  try {
    const port = agentPort ? agentPort(agent.addr.port) : agent.addr.port;
    await cluster.create({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "agent-1", annotations: { "kclone.dev/kubelet": "agent" } },
      status: {
        addresses: [{ type: "InternalIP", address: "127.0.0.1" }],
        daemonEndpoints: { kubeletEndpoint: { Port: port } },
      },
    } as never);
    await cluster.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "default" },
      spec: {
        nodeName: "agent-1",
        containers: [{ name: "web", image: "nginx" }, { name: "sidecar", image: "envoy" }],
      },
    } as never);
    await fn(server, seen);
  } finally {
    await cluster.close();
    await agent.shutdown();
  }
}

const get = (server: ApiServer, query: string) =>
  server.handle(
    new Request(`http://kclone${LOG}?${query}`, { headers: { authorization: "Bearer s3cret" } }),
  );

Deno.test("pods/log streams the container's log from the agent of the pod's node, with its options and the server's token", async () => {
  await withAgentNode(async (server, seen) => {
    const response = await get(server, "container=web&tailLines=2&follow=true&bogus=1");
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "line 1\nline 2\n");
    assert.deepEqual(seen, [
      "/containerLogs/default/web/web?follow=true&tailLines=2 Bearer s3cret",
    ]);
  });
});

Deno.test("pods/log passes the agent's Status on, and names the containers when none is given", async () => {
  await withAgentNode(async (server) => {
    const waiting = await get(server, "container=sidecar");
    assert.equal(waiting.status, 400);
    assert.match((await waiting.json()).message, /is waiting to start: ContainerCreating/);
    const none = await get(server, "");
    assert.equal(none.status, 400);
    assert.equal(
      (await none.json()).message,
      "a container name must be specified for pod web, choose one of: [web sidecar]",
    );
    const unknown = await get(server, "container=db");
    assert.equal((await unknown.json()).message, "container db is not valid for pod web");
  });
});

Deno.test("pods/log answers 503 when the agent cannot be reached", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (closed.addr as Deno.NetAddr).port;
  closed.close();
  await withAgentNode(async (server) => {
    const response = await get(server, "container=web");
    assert.equal(response.status, 503);
    assert.match((await response.json()).message, /the agent of node agent-1 cannot be reached/);
  }, () => port);
});
