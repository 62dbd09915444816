import type { NodeIpamOptions } from "../../controllers/node_ipam.ts";
import { ApiError } from "../../api/errors.ts";
import { type CIDR, parseCIDR } from "../../network/cidr.ts";
import type { ServiceNetworkOptions } from "../../network/service_ranges.ts";
import { UsageError } from "../context.ts";
import { flagError } from "../original/flags.ts";

/** The network flags of `kclone server` as commander hands them over. */
export interface NetworkFlags {
  /** `--cluster-cidr` (kube-controller-manager's): the pod range node IPAM cuts up. */
  clusterCidr?: string;
  /** `--service-cluster-ip-range` (kube-apiserver's): where Service cluster IPs come from. */
  serviceClusterIpRange?: string;
  /** `--agents N`: how many local agents the server starts (they need pod IPs on loopback). */
  agents?: number;
}

/** The options Cluster.open takes for the network flags. */
export interface NetworkSettings {
  /** Node IPAM's pool (`--cluster-cidr`). */
  nodeIpam: NodeIpamOptions;
  /** The service network (`--service-cluster-ip-range`). */
  network: ServiceNetworkOptions;
}

/** kube-controller-manager's usual `--cluster-cidr` (as kubeadm's and flannel's examples). */
export const DEFAULT_CLUSTER_CIDR: string = "10.244.0.0/16";
/** The `--cluster-cidr` with `--agents`: node ranges that agents on this machine can bind. */
export const LOCAL_AGENTS_CLUSTER_CIDR: string = "127.244.0.0/16";
/** kube-apiserver's default `--service-cluster-ip-range`. */
export const DEFAULT_SERVICE_CLUSTER_IP_RANGE: string = "10.96.0.0/12";
/** Each node's range is a /24, as kube-controller-manager's `--node-cidr-mask-size` default. */
const NODE_MASK_SIZE = 24;

function cidrFlag(flag: string, text: string): CIDR {
  try {
    return parseCIDR(text);
  } catch (error) {
    if (error instanceof ApiError) throw flagError(flag, text, error.message);
    throw error;
  }
}

/**
 * Cluster.open's network options from `--cluster-cidr` (default 10.244.0.0/16, or
 * 127.244.0.0/16 with `--agents`) and `--service-cluster-ip-range` (default 10.96.0.0/12).
 * UsageErrors: a CIDR that does not parse; a cluster CIDR too small for one node's /24 (in
 * kube-controller-manager's words); a service range larger than /12 (in kube-apiserver's); and,
 * with `--agents`, a cluster CIDR outside 127.0.0.0/8, where local agents cannot run pods.
 *
 * @example
 * ```ts
 * import { networkSettings } from "./network_flags.ts";
 * networkSettings({ agents: 2 });
 * // { nodeIpam: { clusterCIDR: "127.244.0.0/16" }, network: { serviceCIDR: "10.96.0.0/12" } }
 * ```
 */
export function networkSettings(flags: NetworkFlags): NetworkSettings {
  const agents = (flags.agents ?? 0) > 0;
  const clusterFlag = flags.clusterCidr ??
    (agents ? LOCAL_AGENTS_CLUSTER_CIDR : DEFAULT_CLUSTER_CIDR);
  const cluster = cidrFlag("--cluster-cidr", clusterFlag);
  if (cluster.prefix > NODE_MASK_SIZE) {
    throw new UsageError(
      `invalid --cluster-cidr ${clusterFlag}: mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size (${NODE_MASK_SIZE}) configured for CIDR family`,
    );
  }
  if (agents && !(cluster.prefix >= 8 && cluster.network >>> 24 === 127)) {
    throw new UsageError(
      `--agents runs pods on this machine, on addresses inside 127.0.0.0/8: --cluster-cidr ${clusterFlag} is not (leave it out for ${LOCAL_AGENTS_CLUSTER_CIDR})`,
    );
  }
  const serviceFlag = flags.serviceClusterIpRange ?? DEFAULT_SERVICE_CLUSTER_IP_RANGE;
  const service = cidrFlag("--service-cluster-ip-range", serviceFlag);
  if (32 - service.prefix > 20) {
    throw new UsageError(
      "specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12",
    );
  }
  return { nodeIpam: { clusterCIDR: cluster.text }, network: { serviceCIDR: service.text } };
}
