import { Cluster } from "../../cluster/cluster.ts";
import { ApiServer } from "../../server/api_server.ts";
import { kubeconfigText } from "../../server/kubeconfig.ts";
import type { CommandRegistration } from "../commands/_registration.ts";
import { errorLine, processOutput, UsageError } from "../context.ts";
import { nextStopSignal } from "../stop_signal.ts";

const DEFAULT_ADDRESS = "127.0.0.1";
const DEFAULT_PORT = "6443";

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port must be a port number (0-65535), not "${text}"`);
  }
  return port;
}

function serverUrl(address: string, port: number): string {
  return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
}

/**
 * `kclone server [--address 127.0.0.1] [--port 6443] [--kubeconfig ./kclone.kubeconfig]`: the
 * API server, the scheduler and the controllers in one process on the database until SIGINT or
 * SIGTERM; and `kclone kubeconfig`, which prints the kubeconfig for a server.
 */
export const registerServerCommand: CommandRegistration = (program, globals) => {
  program.command("server")
    .description("serve the Kubernetes API (for kubectl) and run the control loop, until Ctrl-C")
    .option("--address <address>", "address to listen on", DEFAULT_ADDRESS)
    .option("--port <port>", "port to listen on (0 picks a free one)", DEFAULT_PORT)
    .option("--kubeconfig <path>", "where to write the kubeconfig", "./kclone.kubeconfig")
    .action(async (flags) => {
      const port = parsePort(flags.port);
      const out = processOutput({ color: globals().color });
      const stop = nextStopSignal();
      const cluster = await Cluster.open({ db: globals().db });
      const server = new ApiServer(cluster);
      try {
        await cluster.start({ onError: (error) => out.err(errorLine(error) ?? String(error)) });
        const url = await server.start({ hostname: flags.address, port });
        await Deno.writeTextFile(flags.kubeconfig, kubeconfigText(url), { mode: 0o600 });
        out.out(`kclone API server listening on ${url}`);
        out.out(`kubeconfig written to ${flags.kubeconfig}`);
        const signal = await stop;
        out.out(`${signal}: stopping`);
      } finally {
        await server.stop();
        await cluster.close();
      }
      out.out("kclone API server stopped");
    });
  program.command("kubeconfig")
    .description("print the kubeconfig for kclone's API server")
    .option("--address <address>", "the server's address", DEFAULT_ADDRESS)
    .option("--port <port>", "the server's port", DEFAULT_PORT)
    .action((flags) => {
      const text = kubeconfigText(serverUrl(flags.address, parsePort(flags.port)));
      processOutput().out(text.replace(/\n$/, ""));
    });
};
