import { Cluster } from "../../cluster/cluster.ts";
import { ApiServer } from "../../server/api_server.ts";
import { kubeconfigText } from "../../server/kubeconfig.ts";
import type { CommandRegistration } from "../commands/_registration.ts";
import { clusterOptions, errorLine, processOutput, UsageError } from "../context.ts";
import { nextStopSignal } from "../stop_signal.ts";
import { localAgentSettings } from "./local_agent_flags.ts";
import { LocalAgents } from "./local_agents.ts";
import { networkSettings } from "./network_flags.ts";
import { NODE_LIFECYCLE_FLAG_DEFAULTS, nodeLifecycleOptions } from "./node_lifecycle_flags.ts";
import { servingPlan } from "./serving_plan.ts";
import { listenError, readTlsFile, readTlsPair } from "./tls_files.ts";
import { loadOrCreateToken, readTokenFile, tokenFilePath } from "./token_file.ts";

const DEFAULT_ADDRESS = "127.0.0.1";
const DEFAULT_PORT = "6443";

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port must be a port number (0-65535), not "${text}"`);
  }
  return port;
}

/** The URL a kubeconfig on this machine uses: the unspecified address means loopback. */
function serverUrl(scheme: string, address: string, port: number): string {
  const host = address === "0.0.0.0" ? "127.0.0.1" : address === "::" ? "::1" : address;
  return `${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

const SERVER_HELP = `
Security: on a loopback address (the default 127.0.0.1, ::1, localhost) the server speaks plain
HTTP. Any other address needs --tls-cert and --tls-key (PEM files; a self-signed pair will do).
A bearer token is made at first start, kept beside the database in <db>.token (mode 0600; a
token file others can read is refused, an empty one replaced) and written into the kubeconfig.
Every request but /healthz, /livez and /readyz must carry it (or gets 401 Unauthorized) when TLS
is on, and on plain loopback with --require-token.

Local agents: --agents N also runs N agents (agent-1 ... agent-N) as child processes, a whole
cluster on this machine, their state in <db>.agents/ and their output on stderr, prefixed with
their names. Their pods get addresses of --cluster-cidr, 127.244.0.0/16 by default then. Ctrl-C
or SIGTERM stops the agents first (which stop their pods), then the server. An agent that dies
is reported and not restarted: its node goes NotReady and its pods move.`;

/**
 * `kclone server [--address 127.0.0.1] [--port 6443] [--kubeconfig ./kclone.kubeconfig]
 * [--tls-cert FILE --tls-key FILE] [--require-token] [--cluster-cidr CIDR]
 * [--service-cluster-ip-range CIDR] [--agents N]`: the API server, the scheduler and the
 * controllers in one process on the database (with N local agents as child processes) until
 * SIGINT or SIGTERM; and `kclone kubeconfig`,
 * which prints the kubeconfig for a server.
 */
export const registerServerCommand: CommandRegistration = (program, globals) => {
  program.command("server")
    .description("serve the Kubernetes API (for kubectl) and run the control loop, until Ctrl-C")
    .option("--address <address>", "address to listen on", DEFAULT_ADDRESS)
    .option("--port <port>", "port to listen on (0 picks a free one)", DEFAULT_PORT)
    .option("--kubeconfig <path>", "where to write the kubeconfig", "./kclone.kubeconfig")
    .option("--tls-cert <file>", "serve HTTPS with this PEM certificate (with --tls-key)")
    .option("--tls-key <file>", "the PEM private key of --tls-cert")
    .option("--require-token", "require the bearer token on plain loopback HTTP too")
    .option(
      "--token-file <path>",
      "where the bearer token is kept (default: beside the database, <db>.token); servers of one cluster share it",
    )
    .option(
      "--node-monitor-grace-period <duration>",
      "how long a node may miss heartbeats before it is NotReady (Go duration: 40s, 1m30s)",
      NODE_LIFECYCLE_FLAG_DEFAULTS.nodeMonitorGracePeriod,
    )
    .option(
      "--default-unreachable-toleration-seconds <seconds>",
      "how long pods stay on an unreachable node before they are evicted",
      NODE_LIFECYCLE_FLAG_DEFAULTS.defaultUnreachableTolerationSeconds,
    )
    .option(
      "--cluster-cidr <cidr>",
      "the pods' range, cut into a /24 per node (default 10.244.0.0/16; 127.244.0.0/16 with --agents)",
    )
    .option(
      "--service-cluster-ip-range <cidr>",
      "where Services' cluster IPs come from, for a new database (default 10.96.0.0/12)",
    )
    .option("--agents <count>", "also run this many agents (agent-1...) as child processes", "0")
    .option("--lease-interval <duration>", "the node Lease renewal interval of --agents")
    .option("--crash-loop-back-off <duration>", "the first CrashLoopBackOff delay of --agents")
    .addHelpText("after", SERVER_HELP)
    .action(async (flags) => {
      const port = parsePort(flags.port);
      const plan = servingPlan(flags);
      const nodeLifecycle = nodeLifecycleOptions(flags);
      const localAgents = localAgentSettings(flags);
      const { nodeIpam, network } = networkSettings({ ...flags, agents: localAgents.count });
      const tls = plan.tls && await readTlsPair(plan.tls);
      const tokenFile = flags.tokenFile ?? tokenFilePath(globals().db);
      const { token } = await loadOrCreateToken(tokenFile);
      const out = processOutput({ color: globals().color });
      const stop = nextStopSignal();
      const cluster = await Cluster.open({
        ...await clusterOptions(globals()),
        nodeLifecycle,
        nodeIpam,
        network,
      });
      const server = new ApiServer(cluster, { token: plan.requireToken ? token : undefined });
      let agents: LocalAgents | undefined;
      try {
        const ips = await cluster.store.get("RangeAllocation", undefined, "serviceips");
        if (flags.serviceClusterIpRange && ips && ips.range !== network.serviceCIDR) {
          out.err(
            `warning: this database allocates cluster IPs from ${ips.range}: --service-cluster-ip-range ${network.serviceCIDR} applies to new databases only`,
          );
        }
        // Which of several servers on one store runs the scheduler and controllers: said once
        // the server listens, then as it changes.
        let listening = false;
        let leadingLine: string | undefined;
        await cluster.start({
          onError: (error) => out.err(errorLine(error) ?? String(error)),
          onLeadingChange: (leading) => {
            leadingLine = leading
              ? `leading as ${cluster.identity}: running the scheduler and controllers`
              : `stopped leading (${cluster.identity})`;
            if (listening) out.out(leadingLine);
          },
        });
        let url: string;
        try {
          url = await server.start({ hostname: flags.address, port, ...tls });
        } catch (error) {
          throw listenError(error, flags.address, port);
        }
        const boundPort = Number(/:(\d+)$/.exec(url)![1]);
        const clientUrl = serverUrl(tls ? "https" : "http", flags.address, boundPort);
        const kubeconfig = kubeconfigText(clientUrl, { token, certificateAuthority: tls?.cert });
        await Deno.writeTextFile(flags.kubeconfig, kubeconfig, { mode: 0o600 });
        out.out(`kclone API server listening on ${url}`);
        out.out(`kubeconfig written to ${flags.kubeconfig}`);
        if (plan.requireToken) out.out(`requests need the bearer token in ${tokenFile}`);
        listening = true;
        if (leadingLine) out.out(leadingLine);
        if (localAgents.count > 0) {
          const stateDir = `${globals().db}.agents`;
          agents = await LocalAgents.start({
            ...localAgents,
            server: clientUrl,
            stateDir,
            token: plan.requireToken ? token : undefined,
            certificateAuthority: plan.tls?.certFile,
            log: (line) => out.err(line),
          });
          out.out(`started ${agents.names.join(", ")} (state in ${stateDir})`);
        }
        const signal = await stop;
        out.out(`${signal}: stopping`);
      } finally {
        await agents?.stop();
        await server.stop();
        await cluster.close();
      }
      out.out("kclone API server stopped");
    });
  program.command("kubeconfig")
    .description("print the kubeconfig for kclone's API server (with the token beside --db)")
    .option("--address <address>", "the server's address", DEFAULT_ADDRESS)
    .option("--port <port>", "the server's port", DEFAULT_PORT)
    .option("--tls-cert <file>", "the certificate the server serves (an https URL trusting it)")
    .option("--token-file <path>", "the server's token file (default: beside --db, <db>.token)")
    .action(async (flags) => {
      const port = parsePort(flags.port);
      const token = await readTokenFile(flags.tokenFile ?? tokenFilePath(globals().db));
      const cert = flags.tlsCert === undefined
        ? undefined
        : await readTlsFile(flags.tlsCert, "--tls-cert");
      const url = serverUrl(cert === undefined ? "http" : "https", flags.address, port);
      const text = kubeconfigText(url, { token, certificateAuthority: cert });
      processOutput().out(text.replace(/\n$/, ""));
    });
};
