import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../lib/api/errors.ts";
import type { Namespace } from "../../lib/api/types.ts";
import { EtcdStore } from "../../lib/store/etcd/mod.ts";
import { etcdLeader, etcdLeaderless, pollUntil } from "../e2e/_ha.ts";
import { ETCD_MISSING, etcdPresent, startEtcdCluster } from "./_etcd_member.ts";

const NAMESPACE: Namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } };

/** An answer of etcd's gateway: `status` and a JSON body. */
type Answer = [number, unknown];

/** Fake gateways on loopback: `answer(path, n)` says what request n (from 0) to `path` gets. */
function fakeMembers(
  answers: ((path: string, n: number) => Answer)[],
): { urls: string[]; requests: string[][]; close(): Promise<void> } {
  const requests: string[][] = answers.map(() => []);
  const servers = answers.map((answer, i) =>
    Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
      const path = new URL(request.url).pathname;
      assert.equal(request.headers.get("grpc-metadata-hasleader"), "true", "requires a leader");
      const n = requests[i].filter((p) => p === path).length;
      requests[i].push(path);
      const [status, body] = answer(path, n);
      return Response.json(body, { status });
    })
  );
  return {
    urls: servers.map((server) => `http://127.0.0.1:${server.addr.port}`),
    requests,
    close: async () => void await Promise.all(servers.map((server) => server.shutdown())),
  };
}

const OK: Answer = [200, { header: { revision: "5" } }];
const CREATED: Answer = [200, { header: { revision: "6" }, succeeded: true }];
const NO_LEADER: Answer = [503, {
  error: "etcdserver: no leader",
  message: "etcdserver: no leader",
  code: 14,
}];

Deno.test("EtcdStore: etcd's 'request timed out' and a lapsed deadline are ServiceUnavailable", async () => {
  const fake = fakeMembers([(path) =>
    path === "/v3/kv/range" ? OK : [500, {
      error: "context deadline exceeded",
      message: "context deadline exceeded",
      code: 2,
    }]]);
  const timedOut = fakeMembers([(_, n) =>
    n === 0 ? OK : [503, {
      error: "etcdserver: request timed out",
      message: "etcdserver: request timed out",
      code: 14,
    }]]);
  const store = await EtcdStore.open(fake.urls);
  const other = await EtcdStore.open(timedOut.urls);
  try {
    await assert.rejects(() => store.create(structuredClone(NAMESPACE)), {
      name: "ServiceUnavailableError",
      message: `etcd is unavailable (${fake.urls[0]}: context deadline exceeded)`,
    });
    await assert.rejects(() => other.get("Namespace", undefined, "dev"), {
      name: "ServiceUnavailableError",
      message: `etcd is unavailable (${timedOut.urls[0]}: etcdserver: request timed out)`,
    });
    assert.equal(fake.requests[0].filter((p) => p === "/v3/kv/txn").length, 1, "sent once");
  } finally {
    await Promise.all([store.close(), other.close(), fake.close(), timedOut.close()]);
  }
});

Deno.test("EtcdStore: a write refused for want of a leader goes to the next member, or waits for an election", async () => {
  // Member 0 has lost its leader; member 1 answers after its election (its first two refusals).
  const fake = fakeMembers([
    (path, n) => path === "/v3/kv/range" && n === 0 ? OK : NO_LEADER,
    (path, n) => path === "/v3/kv/txn" && n >= 2 ? CREATED : NO_LEADER,
  ]);
  const store = await EtcdStore.open(fake.urls);
  try {
    const created = await store.create(structuredClone(NAMESPACE));
    assert.equal(created.metadata.resourceVersion, "6");
    assert.deepEqual(fake.requests[1], ["/v3/kv/txn", "/v3/kv/txn", "/v3/kv/txn"]);
  } finally {
    await store.close();
    await fake.close();
  }
});

Deno.test("EtcdStore: with every member leaderless, a write is ServiceUnavailable after about 2.5 s", async () => {
  const fake = fakeMembers([(path, n) => path === "/v3/kv/range" && n === 0 ? OK : NO_LEADER]);
  const store = await EtcdStore.open(fake.urls);
  try {
    const started = Date.now();
    await assert.rejects(() => store.create(structuredClone(NAMESPACE)), {
      name: "ServiceUnavailableError",
      message: `etcd is unavailable (${fake.urls[0]}: etcdserver: no leader)`,
    });
    const took = Date.now() - started;
    assert.ok(took >= 2_400 && took < 4_000, `gave up after ${took} ms`);
  } finally {
    await store.close();
    await fake.close();
  }
});

if (!etcdPresent()) {
  Deno.test({
    name: `EtcdStore on a cluster that loses quorum: ${ETCD_MISSING}`,
    ignore: true,
    fn() {},
  });
} else {
  Deno.test("EtcdStore: two of three members killed: requests fail fast with 503; one back: they work", async () => {
    const etcd = await startEtcdCluster({ size: 3 });
    const store = await EtcdStore.open(etcd.urls);
    try {
      // etcd's leader first: two of three are a quorum, and writes go on once they have elected
      // a new leader (a write during the election may fail: etcd cannot tell whether it was done).
      const leaderUrl = await etcdLeader(etcd.urls);
      const [first, second, third] = [...etcd.members]
        .sort((m) => m.clientUrl === leaderUrl ? -1 : 1);
      await first.kill();
      assert.ok(await pollUntil(async () => await etcdLeader(etcd.urls) !== undefined, 10_000));
      await store.create(structuredClone(NAMESPACE));
      await second.kill();
      // The member left notices within its election timeout (500 ms) that it has no leader:
      // from then on, it refuses at once what needs one.
      assert.ok(await pollUntil(() => etcdLeaderless(third.clientUrl), 10_000));
      await assert.rejects(() => store.get("Namespace", undefined, "dev"), ServiceUnavailableError);
      const started = Date.now();
      await assert.rejects(
        () => store.create({ ...structuredClone(NAMESPACE), metadata: { name: "prod" } }),
        (error: Error) => {
          assert.ok(error instanceof ServiceUnavailableError);
          assert.match(error.message, /etcdserver: no leader/);
          return true;
        },
      );
      assert.ok(Date.now() - started < 4_000, `took ${Date.now() - started} ms`);
      await second.start();
      await store.create({ ...structuredClone(NAMESPACE), metadata: { name: "prod" } });
      const names = (await store.list("Namespace")).items.map((ns) => ns.metadata.name);
      assert.deepEqual(names, ["dev", "prod"]);
    } finally {
      await store.close();
      // Killed, not stopped: a member stopping gracefully without a quorum takes 5 s.
      for (const member of etcd.members) await member.kill();
      await etcd.close();
    }
  });
}
