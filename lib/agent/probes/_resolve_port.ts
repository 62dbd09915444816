import type { ContainerPort, IntOrString } from "../../api/types.ts";

/** A resolved port, or the reason it could not be resolved (Kubernetes' wording). */
export type ResolvedPort = { port: number } | { error: string };

/** Resolves a probe port: a number, or the name of one of the container's ports. */
export function resolveProbePort(port: IntOrString, ports: ContainerPort[] = []): ResolvedPort {
  let number: number;
  if (typeof port === "number") number = port;
  else {
    const named = ports.find((p) => p.name === port);
    if (named) number = named.containerPort;
    else if (/^\d+$/.test(port)) number = Number(port);
    else return { error: `port ${JSON.stringify(port)} not found` };
  }
  if (Number.isInteger(number) && number > 0 && number < 65536) return { port: number };
  return { error: `invalid port number: ${number}` };
}

/** `host:port`, with brackets around an IPv6 host (Go's net.JoinHostPort). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
