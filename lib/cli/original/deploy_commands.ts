import { NotFoundError } from "../../api/errors.ts";
import type { Deployment } from "../../api/types.ts";
import type { CommandRegistration } from "../commands/_registration.ts";
import { type CommandScope, inCluster, retryConflicts, settle } from "./_command.ts";
import { deploymentObject } from "./deployment_object.ts";
import { parseLabelsFlag } from "./flags.ts";
import { parseCpuFlag, parseIntegerFlag, parseMemoryFlag } from "./number_flags.ts";
import { placementLines } from "./placement.ts";

/** Prints where the Deployment's pods went. */
async function printPlacement(scope: CommandScope, deployment: Deployment): Promise<void> {
  const pods = await scope.cluster.list("Pod", {
    namespace: scope.namespace,
    labelSelector: deployment.spec.selector,
  });
  for (const line of placementLines(pods)) scope.out.out(line);
}

/** `deploy-create` and `deploy-scale`: Deployments, their ReplicaSets and pods. */
export const registerDeployCommands: CommandRegistration = (program, globals) => {
  program.command("deploy-create")
    .description("create a deployment of identical pods")
    .argument("<name>", "deployment name")
    .requiredOption("--image <image>", "container image")
    .option("--replicas <count>", "desired pods", "1")
    .option("--selector <k=v,k=v>", "pods the deployment owns (default: app=NAME)")
    .option("--labels <k=v,k=v>", "labels of its pods (default: the selector)")
    .option("--cpu <cores>", "CPU request of each pod (a quantity)", "1")
    .option("--mem <MiB>", "memory request of each pod in MiB (or a quantity)", "128")
    .action(async (name, flags) => {
      const options = {
        // Below zero is the API's to reject (Invalid), as kube-apiserver does.
        replicas: parseIntegerFlag(flags.replicas, "--replicas"),
        selector: flags.selector === undefined
          ? undefined
          : parseLabelsFlag(flags.selector, "--selector"),
        labels: flags.labels === undefined ? undefined : parseLabelsFlag(flags.labels, "--labels"),
        cpu: parseCpuFlag(flags.cpu, "--cpu"),
        memory: parseMemoryFlag(flags.mem, "--mem"),
      };
      await inCluster(globals(), async (scope) => {
        const { namespace } = scope;
        const deployment = deploymentObject(name, flags.image, { namespace, ...options });
        await scope.cluster.create(deployment);
        await settle(scope);
        scope.out.out(`deployment.apps/${name} created`);
        await printPlacement(scope, deployment);
      });
    });

  program.command("deploy-scale")
    .description("change the number of pods of a deployment")
    .argument("<name>", "deployment name")
    .requiredOption("--replicas <count>", "desired pods")
    .action(async (name, flags) => {
      const replicas = parseIntegerFlag(flags.replicas, "--replicas");
      await inCluster(globals(), async (scope) => {
        const { cluster, namespace } = scope;
        const scaled = await retryConflicts(async () => {
          const current = await cluster.get("Deployment", name, { namespace });
          if (!current) throw new NotFoundError("deployments.apps", name);
          return await cluster.update({ ...current, spec: { ...current.spec, replicas } });
        });
        await settle(scope);
        scope.out.out(`deployment.apps/${name} scaled`);
        await printPlacement(scope, scaled);
      });
    });
};
