/**
 * Cluster IP allocation and release on a Service being planned (a private copy, changed in place).
 * Single-stack IPv4, as kube-apiserver with one `--service-cluster-ip-range`.
 *
 * @module
 */
import { invalidValue, type StatusCause } from "../api/errors.ts";
import type { Service } from "../api/types.ts";
import { formatIPv4, parseIPv4 } from "./cidr.ts";
import type { Ledger } from "./_ledger.ts";
import { allocateNext, allocateValue, releaseValue } from "./_range.ts";
import { failureText, internalError, invalidList, invalidService } from "./_service_errors.ts";

/** Every type but ExternalName gets a cluster IP (or is headless). */
export function needsClusterIP(service: Service): boolean {
  return (service.spec?.type ?? "ClusterIP") !== "ExternalName";
}

/** `clusterIP: None`: no virtual IP, DNS answers with the pod IPs. */
export function isHeadless(service: Service): boolean {
  return service.spec.clusterIP === "None" || service.spec.clusterIPs?.[0] === "None";
}

/** The checks kube-apiserver makes on clusterIP, clusterIPs and the IP family fields. */
function familyCauses(service: Service): StatusCause[] {
  const spec = service.spec;
  const ips = spec.clusterIPs ?? [];
  const causes: StatusCause[] = [];
  if (spec.clusterIP && ips[0] !== spec.clusterIP) {
    causes.push(invalidList("spec.clusterIPs", ips, "first value must match `clusterIP`"));
  } else if (!spec.clusterIP && ips.length > 0) {
    causes.push(
      invalidList("spec.clusterIPs", ips, "must be empty when `clusterIP` is not specified"),
    );
  }
  ips.forEach((ip, i) => {
    if (ip.includes(":")) {
      causes.push(
        invalidList(`spec.clusterIPs[${i}]`, ips, "IPv6 is not configured on this cluster"),
      );
    }
  });
  if (ips.length > 1 && ips.every((ip) => !ip.includes(":"))) {
    causes.push(
      invalidList("spec.clusterIPs", ips, "may specify no more than one IP for each IP family"),
    );
  }
  spec.ipFamilies?.forEach((family, i) => {
    if (family !== "IPv4") {
      causes.push(invalidValue(`spec.ipFamilies[${i}]`, family, "not configured on this cluster"));
    }
  });
  if (spec.ipFamilyPolicy === "RequireDualStack") {
    causes.push(invalidValue(
      "spec.ipFamilyPolicy",
      spec.ipFamilyPolicy,
      "this cluster is not configured for dual-stack services",
    ));
  }
  return causes;
}

/**
 * Gives the service its cluster IP: the requested one when free and in range, else the next free
 * one; headless and ExternalName services get none. Fills clusterIP, clusterIPs, ipFamilies and
 * ipFamilyPolicy as kube-apiserver does on a single-stack IPv4 cluster.
 */
export function allocateClusterIPs(service: Service, ledger: Ledger): void {
  const spec = service.spec;
  if (!needsClusterIP(service)) return;
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  const causes = familyCauses(service);
  if (causes.length > 0) throw invalidService(service, causes);
  spec.ipFamilies ??= ["IPv4"];
  spec.ipFamilyPolicy ??= "SingleStack";
  if (isHeadless(service)) return;
  const requested = spec.clusterIP;
  if (requested) {
    const result = allocateValue(ledger.ips, ledger.ipData, parseIPv4(requested) ?? -1);
    if ("failure" in result) {
      const detail = failureText(ledger.ips, result.failure, requested);
      throw invalidService(service, [
        invalidList(
          "spec.clusterIPs",
          spec.clusterIPs,
          `failed to allocate IP ${requested}: ${detail}`,
        ),
      ]);
    }
    ledger.ipData = result.data;
    return;
  }
  const next = allocateNext(ledger.ips, ledger.ipData);
  if (!next) throw internalError("failed to allocate a serviceIP: range is full");
  ledger.ipData = next.data;
  spec.clusterIP = formatIPv4(next.value);
  spec.clusterIPs = [spec.clusterIP];
}

/** Frees the service's cluster IPs (nothing for headless and ExternalName services). */
export function releaseClusterIPs(service: Service, ledger: Ledger): void {
  if (!needsClusterIP(service) || isHeadless(service)) return;
  const ips = new Set([service.spec.clusterIP, ...(service.spec.clusterIPs ?? [])]);
  for (const ip of ips) {
    const value = ip ? parseIPv4(ip) : undefined;
    if (value !== undefined) ledger.ipData = releaseValue(ledger.ips, ledger.ipData, value);
  }
}
