/** Waiting for the signal that ends a long-running command (control-loop, server). */
const SIGNALS: readonly Deno.Signal[] = ["SIGINT", "SIGTERM"];

/** Resolves with the first SIGINT or SIGTERM, and stops listening. */
export function nextStopSignal(): Promise<Deno.Signal> {
  return new Promise((resolve) => {
    const handlers = SIGNALS.map((signal) => {
      const handler = () => {
        handlers.forEach(([s, h]) => Deno.removeSignalListener(s, h));
        resolve(signal);
      };
      Deno.addSignalListener(signal, handler);
      return [signal, handler] as const;
    });
  });
}
