import { Command } from "@commander-js/extra-typings";
import { processOutput, withCluster } from "../context.ts";
import { runDescribe } from "../get/run_describe.ts";
import { runExplainSchedule } from "../get/run_explain.ts";
import { runGet } from "../get/run_get.ts";
import type { CommandRegistration } from "./_registration.ts";

const KINDS_HELP =
  "pods (po), nodes (no), deployments (deploy), replicasets (rs), services (svc), endpoints (ep), " +
  "events (ev), namespaces (ns), or all";

/** kubectl's reading verbs: get, describe, explain-schedule. */
export const registerGetCommands: CommandRegistration = (program, globals) => {
  program.addCommand(
    new Command("get")
      .description(`display one or many objects: ${KINDS_HELP}; KIND[,KIND] [NAME...] or KIND/NAME`)
      .argument("<kind-or-names...>", "KIND [NAME...], KIND,KIND or KIND/NAME...")
      .option("-o, --output <format>", "output format: wide, json, yaml or name")
      .option("-l, --selector <selector>", "label selector, e.g. app=web,tier!=db")
      .option("--field-selector <selector>", "field selector, e.g. spec.nodeName=node-a")
      .option("-A, --all-namespaces", "list objects in every namespace")
      .option("-w, --watch", "after listing, print every change until interrupted")
      .option("--show-labels", "show every object's labels as the last column")
      .action(async (args, options) => {
        const g = globals();
        await withCluster(g, (cluster) =>
          runGet(cluster, {
            args,
            namespace: g.namespace ?? "default",
            output: options.output,
            selector: options.selector,
            fieldSelector: options.fieldSelector,
            allNamespaces: options.allNamespaces,
            watch: options.watch,
            showLabels: options.showLabels,
          }, processOutput({ color: g.color })));
      }),
  );
  program.addCommand(
    new Command("describe")
      .description(`show details of objects and their events: ${KINDS_HELP}`)
      .argument("<kind>", "the kind, e.g. pod, node, deployment, service")
      .argument("[names...]", "names or name prefixes (default: every object of the kind)")
      .action(async (kind, names) => {
        const g = globals();
        await withCluster(
          g,
          (cluster) =>
            runDescribe(
              cluster,
              { kind, names, namespace: g.namespace ?? "default" },
              processOutput({
                color: g.color,
              }),
            ),
        );
      }),
  );
  program.addCommand(
    new Command("explain-schedule")
      .description("why a pod is on its node, or why it is Pending: every filter and score")
      .argument("<pod>", "the pod's name")
      .action(async (pod) => {
        const g = globals();
        await withCluster(g, (cluster) =>
          runExplainSchedule(cluster, pod, {
            namespace: g.namespace ?? "default",
            output: processOutput({ color: g.color }),
          }));
      }),
  );
};
