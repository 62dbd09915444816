import { labelSelectorFromObject, matchesLabels, selectorFromSet } from "../api/label_selector.ts";
import type { Endpoints, Pod, Service } from "../api/types.ts";
import type { CacheEvent, ClusterCache } from "./cluster_cache.ts";
import { type Controller, objectKeyOf, splitKey } from "./controller.ts";
import { endpointSubsets } from "./_endpoint_subsets.ts";

function selectsPod(service: Service, pod: Pod | undefined): boolean {
  const selector = service.spec.selector;
  if (!pod || !selector || Object.keys(selector).length === 0) return false;
  return matchesLabels(selectorFromSet(selector), pod.metadata.labels);
}

function keysFor(event: CacheEvent, cache: ClusterCache): string[] {
  const { object } = event;
  const key = objectKeyOf(object.metadata.namespace, object.metadata.name!);
  if (object.kind === "Service" || object.kind === "Endpoints") return [key];
  if (object.kind !== "Pod") return [];
  const pod = object as Pod, old = event.old as Pod | undefined;
  return cache.list("Service", { namespace: pod.metadata.namespace })
    .filter((service) => selectsPod(service, pod) || selectsPod(service, old))
    .map((service) => objectKeyOf(service.metadata.namespace, service.metadata.name!));
}

/**
 * The endpoints controller: for each Service with a selector, an Endpoints object of the same
 * name listing the matching pods' IPs (ready ones in addresses, the others in notReadyAddresses)
 * and their resolved target ports. Services without a selector keep hand-made Endpoints.
 */
export const endpointsController: Controller = {
  name: "endpoints-controller",
  keysFor,
  async reconcile(key, { cache, store }) {
    const { namespace, name } = splitKey(key);
    const service = cache.get("Service", namespace, name);
    const current = cache.get("Endpoints", namespace, name);
    if (!service) {
      // The Service is gone, and so are its Endpoints, as in Kubernetes.
      if (current) {
        await store.delete("Endpoints", namespace, name, {
          resourceVersion: current.metadata.resourceVersion,
        });
      }
      return;
    }
    if (!service.spec.selector || Object.keys(service.spec.selector).length === 0) return;
    const selector = labelSelectorFromObject({ matchLabels: service.spec.selector });
    const subsets = endpointSubsets(service, cache.list("Pod", { namespace, selector }));
    const labels = { ...service.metadata.labels };
    if (!current) {
      const endpoints: Endpoints = {
        apiVersion: "v1",
        kind: "Endpoints",
        metadata: { name, namespace, labels },
        subsets,
      };
      await store.create(endpoints);
      return;
    }
    if (
      JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) &&
      JSON.stringify(current.metadata.labels ?? {}) === JSON.stringify(labels)
    ) return;
    await store.update({ ...current, metadata: { ...current.metadata, labels }, subsets });
  },
};
