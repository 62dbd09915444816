import { Option } from "@commander-js/extra-typings";
import type { CommandRegistration } from "../commands/_registration.ts";
import { inCluster, settle } from "./_command.ts";
import { parseLabelsFlag } from "./flags.ts";
import { parseIntegerFlag } from "./number_flags.ts";
import { serviceObject } from "./service_object.ts";
import { endpointsText, servicesTable } from "./services_table.ts";

/** A target port: a number, or the name of a container port. */
function targetPortOf(text: string): number | string {
  return /^[+-]?\d+$/.test(text) ? parseIntegerFlag(text, "--target-port") : text;
}

/** `service-create`, `services` and `service-route`: virtual IPs with round-robin routing. */
export const registerServiceCommands: CommandRegistration = (program, globals) => {
  program.command("service-create")
    .description("create a service: a virtual IP in front of the pods of a selector")
    .argument("<name>", "service name")
    .option("--selector <k=v,k=v>", "pods that receive traffic (default: app=NAME)")
    .option("--port <port>", "port of the service", "80")
    .option("--target-port <port>", "port (number or name) on the pods", "80")
    .addOption(
      new Option("--type <type>", "service type").choices(["ClusterIP", "NodePort"] as const)
        .default("ClusterIP" as const),
    )
    .action(async (name, flags) => {
      const options = {
        selector: flags.selector === undefined
          ? undefined
          : parseLabelsFlag(flags.selector, "--selector"),
        port: parseIntegerFlag(flags.port, "--port"),
        targetPort: targetPortOf(flags.targetPort),
        type: flags.type,
      };
      await inCluster(globals(), async (scope) => {
        const { cluster, out, namespace } = scope;
        const created = await cluster.create(serviceObject(name, { namespace, ...options }));
        await settle(scope);
        const endpoints = await cluster.get("Endpoints", name, { namespace });
        const port = created.spec.ports![0];
        const nodePort = port.nodePort ? `, node port ${port.nodePort}` : "";
        out.out(`service/${name} created`);
        out.out(
          `  ${created.spec.type} ${created.spec.clusterIP}:${port.port} -> ${port.targetPort}` +
            `${nodePort}; endpoints ${endpointsText(endpoints)}`,
        );
      });
    });

  program.command("services")
    .description("list services with their virtual IP, ports, endpoints and selector")
    .action(async () => {
      await inCluster(globals(), async ({ cluster, out, namespace }) => {
        const services = await cluster.list("Service", { namespace });
        const endpoints = await cluster.list("Endpoints", { namespace });
        out.out(servicesTable(services, endpoints, namespace));
      });
    });

  program.command("service-route")
    .description("route requests through a service, round robin: which pod handled each")
    .argument("<name>", "service name")
    .option("--count <n>", "how many requests", "1")
    .action(async (name, flags) => {
      const count = parseIntegerFlag(flags.count, "--count", { min: 1 });
      await inCluster(globals(), async ({ cluster, out, namespace }) => {
        for (let i = 1; i <= count; i++) {
          const to = await cluster.route(name, { namespace });
          out.out(`request ${i} -> ${to.pod} (${to.ip}:${to.port})`);
        }
      });
    });
};
