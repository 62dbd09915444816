import assert from "node:assert/strict";
import { ServiceProxy } from "../../../lib/agent/proxy/mod.ts";
import { closedPort, getOnce, KeepAliveClient, readAll, ruleOf, startBackends } from "./_net.ts";

async function stopAll(proxy: ServiceProxy, backends: { stop(): Promise<void> }[]): Promise<void> {
  await proxy.close();
  await Promise.all(backends.map((b) => b.stop()));
}

async function getMany(port: number, count: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) bodies.push(await getOnce(port));
  return bodies;
}

Deno.test("ServiceProxy sends connections to three backends in turn, three each of nine", async () => {
  const backends = await startBackends(["a", "b", "c"]);
  const proxy = new ServiceProxy();
  try {
    const { opened } = await proxy.apply([ruleOf(backends)]);
    assert.equal(opened.length, 1);
    assert.deepEqual(await getMany(opened[0].port, 9), [
      "a",
      "b",
      "c",
      "a",
      "b",
      "c",
      "a",
      "b",
      "c",
    ]);
    const [a, b, c] = backends.map((x) => `${x.ip}:${x.port}`);
    assert.deepEqual(proxy.stats().connections, { [a]: 3, [b]: 3, [c]: 3 });
  } finally {
    await stopAll(proxy, backends);
  }
});

Deno.test("ServiceProxy keeps an open connection on a removed backend and skips it for new ones", async () => {
  const backends = await startBackends(["a", "b", "c"]);
  const proxy = new ServiceProxy();
  const [, b, c] = backends;
  try {
    const port = (await proxy.apply([ruleOf(backends)])).opened[0].port;
    const open = await KeepAliveClient.connect(port);
    try {
      assert.equal(await open.get(), "a");
      assert.equal(await getOnce(port), "b");
      const result = await proxy.apply([ruleOf([b, c])]);
      assert.deepEqual(result, {
        opened: [],
        closed: [],
        repointed: ["127.0.0.1:0"],
        failed: [],
      });
      // The rotation goes on after b, the backend served last: c, then b.
      assert.deepEqual(await getMany(port, 3), ["c", "b", "c"]);
      assert.equal(await open.get(), "a");
      assert.equal(await open.get(), "a");
    } finally {
      open.close();
    }
  } finally {
    await stopAll(proxy, backends);
  }
});

Deno.test("ServiceProxy skips a backend that refuses connections", async () => {
  const backends = await startBackends(["a", "c"]);
  const proxy = new ServiceProxy();
  try {
    const dead = { ip: backends[0].ip, port: closedPort(backends[0].ip), name: "dead" };
    const rule = ruleOf([backends[0], dead, backends[1]]);
    const port = (await proxy.apply([rule])).opened[0].port;
    assert.deepEqual(await getMany(port, 4), ["a", "c", "a", "c"]);
    assert.equal(proxy.stats().refused, 2);
    assert.equal(proxy.stats().dropped, 0);
  } finally {
    await stopAll(proxy, backends);
  }
});

Deno.test("ServiceProxy closes the client connection at once when there is no backend", async () => {
  const proxy = new ServiceProxy();
  try {
    const port = (await proxy.apply([ruleOf([])])).opened[0].port;
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      assert.equal(await readAll(conn), "");
    } finally {
      conn.close();
    }
    assert.equal(await getOnce(port), "");
    assert.equal(proxy.stats().dropped, 2);
  } finally {
    await proxy.close();
  }
});

Deno.test("ServiceProxy closes the client connection when every backend refuses", async () => {
  const proxy = new ServiceProxy();
  try {
    const rule = ruleOf([{ ip: "127.0.0.1", port: closedPort() }, {
      ip: "127.0.0.1",
      port: closedPort(),
    }]);
    const port = (await proxy.apply([rule])).opened[0].port;
    assert.equal(await getOnce(port), "");
    assert.deepEqual(proxy.stats(), { connections: {}, refused: 2, dropped: 1, active: 0 });
  } finally {
    await proxy.close();
  }
});

Deno.test("ServiceProxy passes a half-close through and still carries the answer back", async () => {
  // A backend that answers only once its input has ended.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const served = (async () => {
    const conn = await listener.accept();
    const input = await readAll(conn);
    await conn.write(new TextEncoder().encode(`got ${input.length} bytes: ${input}`));
    conn.close();
  })();
  const proxy = new ServiceProxy();
  try {
    const rule = ruleOf([{ ip: "127.0.0.1", port: listener.addr.port }]);
    const port = (await proxy.apply([rule])).opened[0].port;
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      await conn.write(new TextEncoder().encode("hello"));
      await conn.closeWrite();
      assert.equal(await readAll(conn), "got 5 bytes: hello");
    } finally {
      conn.close();
    }
    await served;
  } finally {
    await proxy.close();
    listener.close();
  }
});

Deno.test("ServiceProxy closes the listeners of rules that are gone", async () => {
  const backends = await startBackends(["a"]);
  const proxy = new ServiceProxy();
  try {
    const port = (await proxy.apply([ruleOf(backends)])).opened[0].port;
    assert.equal(await getOnce(port), "a");
    assert.deepEqual(await proxy.apply([]), {
      opened: [],
      closed: ["127.0.0.1:0"],
      repointed: [],
      failed: [],
    });
    assert.deepEqual(proxy.listeners(), []);
    await assert.rejects(
      () => Deno.connect({ hostname: "127.0.0.1", port }),
      Deno.errors.ConnectionRefused,
    );
  } finally {
    await stopAll(proxy, backends);
  }
});

Deno.test("ServiceProxy reports a taken port and opens it on a later apply once it is free", async () => {
  const backends = await startBackends(["a"]);
  const blocker = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = blocker.addr.port;
  const proxy = new ServiceProxy();
  try {
    const first = await proxy.apply([ruleOf(backends, port)]);
    assert.deepEqual(first.opened, []);
    assert.equal(first.failed.length, 1);
    assert.equal(first.failed[0].address, `127.0.0.1:${port}`);
    assert.match(first.failed[0].error, /Address already in use/);
    blocker.close();
    const second = await proxy.apply([ruleOf(backends, port)]);
    assert.deepEqual(second.opened, [{ address: `127.0.0.1:${port}`, rule: "default/web", port }]);
    assert.equal(await getOnce(port), "a");
  } finally {
    try {
      blocker.close();
    } catch { /* closed above */ }
    await stopAll(proxy, backends);
  }
});

Deno.test("ServiceProxy.close() ends the connections in flight", async () => {
  const backends = await startBackends(["a"]);
  const proxy = new ServiceProxy();
  try {
    const port = (await proxy.apply([ruleOf(backends)])).opened[0].port;
    const open = await KeepAliveClient.connect(port);
    try {
      assert.equal(await open.get(), "a");
      assert.equal(proxy.stats().active, 1);
      await proxy.close();
      await assert.rejects(() => open.get(), /connection closed|reset|Broken pipe/i);
      assert.equal(proxy.stats().active, 0);
    } finally {
      open.close();
    }
  } finally {
    await stopAll(proxy, backends);
  }
});
