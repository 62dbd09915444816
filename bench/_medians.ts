/** Records each bench iteration's time and prints the medians when the bench run ends. */
const samples = new Map<string, number[]>();

/** Times `fn` as one sample of `name`. */
export async function sample(name: string, fn: () => Promise<void> | void): Promise<void> {
  const start = performance.now();
  await fn();
  const list = samples.get(name) ?? [];
  list.push(performance.now() - start);
  samples.set(name, list);
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Prints `name: median ms (n samples)` and, with `perIteration`, a rate per second. */
export function printMediansOnUnload(perIteration?: { count: number; unit: string }): void {
  globalThis.addEventListener("unload", () => {
    console.log("\nmedians:");
    for (const [name, list] of samples) {
      const ms = median(list);
      const rate = perIteration
        ? `, ${
          Math.round(perIteration.count / (ms / 1000)).toLocaleString("en-US")
        } ${perIteration.unit}/s`
        : "";
      console.log(`  ${name}: ${ms.toFixed(2)} ms${rate} (${list.length} samples)`);
    }
  });
}
