import { NotFoundError } from "../../api/errors.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import type { Pod } from "../../api/types.ts";
import type { CommandRegistration } from "../commands/_registration.ts";
import { inCluster, settle } from "./_command.ts";
import { parseLabelsFlag } from "./flags.ts";
import { parseCpuFlag, parseMemoryFlag } from "./number_flags.ts";
import { placementLines } from "./placement.ts";
import { podObject } from "./pod_object.ts";
import { podsTable } from "./pods_table.ts";

/** The pod named `key` in `namespace`, else the pod whose UID is `key` (any namespace). */
async function findPod(cluster: Cluster, key: string, namespace: string): Promise<Pod> {
  const byName = await cluster.get("Pod", key, { namespace });
  if (byName) return byName;
  const byUid = (await cluster.list("Pod")).find((p) => p.metadata.uid === key);
  if (byUid) return byUid;
  throw new NotFoundError("pods", key);
}

/** `pod-create`, `pods` and `pod-delete`: bare pods, placed by the scheduler. */
export const registerPodCommands: CommandRegistration = (program, globals) => {
  program.command("pod-create")
    .aliases(["pod", "pod-add", "p"])
    .description("create a pod; the scheduler places it")
    .argument("<name>", "pod name")
    .requiredOption("-i, --image <image>", "container image")
    .option("-c, --cpu <cores>", "CPU request (a quantity: 1, 0.5, 250m)", "1")
    .option("-m, --mem <MiB>", "memory request in MiB (or a quantity: 1Gi)", "128")
    .option("-l, --labels <k=v,k=v>", "pod labels (default: run=NAME)")
    .action(async (name, flags) => {
      const cpu = parseCpuFlag(flags.cpu, "--cpu");
      const memory = parseMemoryFlag(flags.mem, "--mem");
      const labels = flags.labels === undefined
        ? undefined
        : parseLabelsFlag(flags.labels, "--labels");
      await inCluster(globals(), async (scope) => {
        const { cluster, out, namespace } = scope;
        await cluster.create(podObject(name, flags.image, { namespace, cpu, memory, labels }));
        await settle(scope);
        out.out(`pod/${name} created`);
        const pod = await cluster.get("Pod", name, { namespace });
        for (const line of placementLines(pod ? [pod] : [])) out.out(line);
      });
    });

  program.command("pods")
    .description("list pods with UID, image, phase and node")
    .action(async () => {
      await inCluster(globals(), async ({ cluster, out, namespace }) => {
        out.out(podsTable(await cluster.list("Pod", { namespace }), namespace));
      });
    });

  program.command("pod-delete")
    .description("delete a pod by UID or name")
    .argument("<uid|name>", "the pod's UID or name")
    .action(async (key) => {
      await inCluster(globals(), async (scope) => {
        const pod = await findPod(scope.cluster, key, scope.namespace);
        const name = pod.metadata.name!;
        await scope.cluster.delete("Pod", name, { namespace: pod.metadata.namespace });
        await settle(scope);
        scope.out.out(`pod "${name}" deleted`);
      });
    });
};
