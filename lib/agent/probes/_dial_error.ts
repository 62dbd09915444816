/** Go's wording for a failed TCP dial, as the kubelet prints it: `dial tcp HOST:PORT: ...`. */
export function dialErrorMessage(hostPort: string, error: unknown): string {
  return `dial tcp ${hostPort}: ${dialReason(error)}`;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connect: connection refused",
  ConnectionRefused: "connect: connection refused",
  EHOSTUNREACH: "connect: no route to host",
  ENETUNREACH: "connect: network is unreachable",
  NetworkUnreachable: "connect: network is unreachable",
  ETIMEDOUT: "i/o timeout",
  TimedOut: "i/o timeout",
  EADDRNOTAVAIL: "connect: cannot assign requested address",
  AddrNotAvailable: "connect: cannot assign requested address",
};

function dialReason(error: unknown): string {
  const e = error as { code?: string; name?: string; message?: string };
  const known = REASONS[e?.code ?? ""] ?? REASONS[e?.name ?? ""];
  if (known) return known;
  const message = String(e?.message ?? error);
  if (/connection refused/i.test(message)) return REASONS.ECONNREFUSED;
  if (/no route to host/i.test(message)) return REASONS.EHOSTUNREACH;
  if (/network is unreachable/i.test(message)) return REASONS.ENETUNREACH;
  return message;
}
