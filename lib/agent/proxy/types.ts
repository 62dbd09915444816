/**
 * The shapes a service proxy works with: a rule per (Service, port), its listen addresses and
 * its backends.
 *
 * @module
 */

/** One ready endpoint a connection may be forwarded to. */
export interface ProxyBackend {
  /** Pod IP. */
  ip: string;
  /** Port on the pod (the EndpointPort). */
  port: number;
  /** Name of the pod (the address's targetRef), "" when the address names none. */
  pod: string;
  /** Namespace of the pod. */
  namespace: string;
}

/** An address the proxy accepts connections on. */
export interface ProxyListen {
  /** Local IP to bind, e.g. `127.0.0.1` or a cluster IP inside 127.0.0.0/8. */
  hostname: string;
  /** TCP port (0 lets the system choose one, for tests). */
  port: number;
}

/**
 * What the proxy does for one port of one Service: accept on `listen`, forward each connection to
 * the next of `backends`. A rule that cannot be proxied keeps its place with `skipped` set and no
 * listen addresses, so that a caller can tell the user why.
 */
export interface ProxyRule {
  /** `namespace/name:portName`, or `namespace/name` for an unnamed port (kube-proxy's ServicePortName). */
  key: string;
  /** Namespace of the Service. */
  namespace: string;
  /** Name of the Service. */
  service: string;
  /** Name of the service port ("" when unnamed); matched against EndpointPort.name. */
  portName: string;
  /** TCP, UDP or SCTP; only TCP is proxied. */
  protocol: "TCP" | "UDP" | "SCTP";
  /** Addresses to listen on: the node port on the node's addresses, local cluster IPs on the port. */
  listen: ProxyListen[];
  /** Ready endpoints in rotation order: by IP (numerically for IPv4), then by port. */
  backends: ProxyBackend[];
  /** Why the rule has no listen address, when it has none. */
  skipped?: string;
}

/** Options of proxyPlan(). */
export interface ProxyPlanOptions {
  /**
   * Whether `ip` is an address of this machine the proxy may bind, default: inside 127.0.0.0/8
   * (every such address is local on Linux). Cluster IPs are listened on only when it says yes.
   */
  localAddress?: (ip: string) => boolean;
  /** The node's address, where node ports are listened on besides 127.0.0.1 (default 127.0.0.1). */
  nodeAddress?: string;
}

/** One listen address of one rule, as diffPlan() and ServiceProxy see it. */
export interface ProxyListener {
  /** `hostname:port` as the rule asks for it (the key of the listener). */
  address: string;
  /** Local IP. */
  hostname: string;
  /** Port the rule asks for. */
  port: number;
  /** Key of the rule the listener serves. */
  rule: string;
}

/** What changes between two plans. */
export interface ProxyPlanDiff {
  /** Listen addresses that are new. */
  open: ProxyListener[];
  /** Listen addresses that are gone (their connections in flight go on). */
  close: ProxyListener[];
  /**
   * Listen addresses that stay open but whose backends (or rule) changed: new connections go to
   * the new backends, connections in flight are left alone.
   */
  repoint: ProxyListener[];
  /** Keys of rules whose backends changed (listened on or not). */
  changedBackends: string[];
}
