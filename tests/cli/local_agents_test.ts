import assert from "node:assert/strict";
import { localAgentCommandLine } from "../../lib/cli/server/agent_command_line.ts";
import { localAgentSettings } from "../../lib/cli/server/local_agent_flags.ts";
import { networkSettings } from "../../lib/cli/server/network_flags.ts";

const env = { PATH: "/usr/bin", HOME: "/home/k", KCLONE_DB: "x.db", KCLONE_SERVER: "http://a" };
const spec = {
  name: "agent-2",
  server: "http://127.0.0.1:6443",
  root: "/data/kclone.db.agents/agent-2",
};

Deno.test("localAgentCommandLine() runs the lean agent.ts with deno run -A and a small young generation when kclone is a script", () => {
  const line = localAgentCommandLine(
    {
      execPath: "/usr/bin/deno",
      mainModule: "/src/kclone/cli.ts",
      standalone: false,
      env,
      agentProgram: "/src/kclone/agent.ts",
    },
    spec,
  );
  assert.deepEqual(line, {
    command: "/usr/bin/deno",
    args: [
      "run",
      "-A",
      "--v8-flags=--max-semi-space-size=1,--lite-mode",
      "/src/kclone/agent.ts",
      "--server",
      "http://127.0.0.1:6443",
      "--name",
      "agent-2",
      "--root",
      "/data/kclone.db.agents/agent-2",
    ],
    env: { PATH: "/usr/bin", HOME: "/home/k" },
  });
});

Deno.test("localAgentCommandLine() runs the kclone-agent binary beside a compiled kclone, the token in the environment only", () => {
  const line = localAgentCommandLine(
    {
      execPath: "/opt/kclone",
      mainModule: "/tmp/deno-compile-kclone/cli.ts",
      standalone: true,
      env,
      agentProgram: "/opt/kclone-agent",
    },
    {
      ...spec,
      token: "t0ken",
      certificateAuthority: "/etc/kclone/tls.crt",
      leaseInterval: "2s",
      crashLoopBackOff: "500ms",
    },
  );
  assert.deepEqual(line, {
    command: "/opt/kclone-agent",
    args: [
      "--server",
      "http://127.0.0.1:6443",
      "--certificate-authority",
      "/etc/kclone/tls.crt",
      "--name",
      "agent-2",
      "--root",
      "/data/kclone.db.agents/agent-2",
      "--lease-interval",
      "2s",
      "--crash-loop-back-off",
      "500ms",
    ],
    env: { PATH: "/usr/bin", HOME: "/home/k", KCLONE_TOKEN: "t0ken" },
  });
});

Deno.test("localAgentCommandLine() runs `kclone agent` with deno run -A and the script when there is no agent.ts", () => {
  const line = localAgentCommandLine(
    { execPath: "/usr/bin/deno", mainModule: "/src/kclone/cli.ts", standalone: false, env },
    spec,
  );
  assert.deepEqual(line, {
    command: "/usr/bin/deno",
    args: [
      "run",
      "-A",
      "/src/kclone/cli.ts",
      "--server",
      "http://127.0.0.1:6443",
      "agent",
      "--name",
      "agent-2",
      "--root",
      "/data/kclone.db.agents/agent-2",
    ],
    env: { PATH: "/usr/bin", HOME: "/home/k" },
  });
});

Deno.test("localAgentCommandLine() runs the compiled kclone itself with `agent` when there is no kclone-agent beside it", () => {
  const line = localAgentCommandLine(
    {
      execPath: "/opt/kclone",
      mainModule: "/tmp/deno-compile-kclone/cli.ts",
      standalone: true,
      env,
    },
    { ...spec, token: "t0ken", certificateAuthority: "/etc/kclone/tls.crt" },
  );
  assert.deepEqual(line, {
    command: "/opt/kclone",
    args: [
      "--server",
      "http://127.0.0.1:6443",
      "--certificate-authority",
      "/etc/kclone/tls.crt",
      "agent",
      "--name",
      "agent-2",
      "--root",
      "/data/kclone.db.agents/agent-2",
    ],
    env: { PATH: "/usr/bin", HOME: "/home/k", KCLONE_TOKEN: "t0ken" },
  });
});

Deno.test("networkSettings() gives node IPAM and the service network kube's defaults, and a loopback pod range with --agents", () => {
  assert.deepEqual(networkSettings({}), {
    nodeIpam: { clusterCIDR: "10.244.0.0/16" },
    network: { serviceCIDR: "10.96.0.0/12" },
  });
  assert.deepEqual(networkSettings({ agents: 3 }), {
    nodeIpam: { clusterCIDR: "127.244.0.0/16" },
    network: { serviceCIDR: "10.96.0.0/12" },
  });
  assert.deepEqual(
    networkSettings({
      agents: 1,
      clusterCidr: "127.10.0.0/16",
      serviceClusterIpRange: "10.0.0.1/24",
    }),
    { nodeIpam: { clusterCIDR: "127.10.0.0/16" }, network: { serviceCIDR: "10.0.0.0/24" } },
  );
});

Deno.test("networkSettings() refuses ranges that cannot work, in one line each", () => {
  const cases: [Parameters<typeof networkSettings>[0], string][] = [
    [
      { clusterCidr: "10.244.0.0" },
      'invalid argument "10.244.0.0" for "--cluster-cidr" flag: invalid CIDR address: 10.244.0.0',
    ],
    [
      { clusterCidr: "10.244.0.0/25" },
      "invalid --cluster-cidr 10.244.0.0/25: mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size (24) configured for CIDR family",
    ],
    [
      { agents: 2, clusterCidr: "10.244.0.0/16" },
      "--agents runs pods on this machine, on addresses inside 127.0.0.0/8: --cluster-cidr 10.244.0.0/16 is not (leave it out for 127.244.0.0/16)",
    ],
    [
      { serviceClusterIpRange: "10.0.0.0/8" },
      "specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12",
    ],
    [
      { serviceClusterIpRange: "fd00::/108" },
      'invalid argument "fd00::/108" for "--service-cluster-ip-range" flag: invalid CIDR address: fd00::/108 (kclone allocates IPv4 service addresses only)',
    ],
  ];
  for (const [flags, message] of cases) {
    assert.throws(() => networkSettings(flags), { name: "UsageError", message });
  }
});

Deno.test("localAgentSettings() reads --agents and the durations passed to the agents", () => {
  assert.deepEqual(localAgentSettings({ agents: "0" }), {
    count: 0,
    leaseInterval: undefined,
    crashLoopBackOff: undefined,
  });
  assert.deepEqual(
    localAgentSettings({ agents: "2", leaseInterval: "1s", crashLoopBackOff: "1m" }),
    {
      count: 2,
      leaseInterval: "1s",
      crashLoopBackOff: "1m",
    },
  );
  const cases: [Parameters<typeof localAgentSettings>[0], string][] = [
    [
      { agents: "two" },
      'invalid argument "two" for "--agents" flag: strconv.ParseInt: parsing "two": invalid syntax',
    ],
    [
      { agents: "-1" },
      'invalid argument "-1" for "--agents" flag: must be greater than or equal to 0',
    ],
    [
      { agents: "1", leaseInterval: "10" },
      'invalid argument "10" for "--lease-interval" flag: time: missing unit in duration "10"',
    ],
    [
      { agents: "1", crashLoopBackOff: "0s" },
      'invalid argument "0s" for "--crash-loop-back-off" flag: must be above 0',
    ],
    [
      { agents: "0", leaseInterval: "1s" },
      "--lease-interval and --crash-loop-back-off are passed to the agents of --agents N: give --agents too",
    ],
  ];
  for (const [flags, message] of cases) {
    assert.throws(() => localAgentSettings(flags), { name: "UsageError", message });
  }
});
