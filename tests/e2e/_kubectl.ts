/** The real kubectl, for tests against `kclone server`. */

/** True when `kubectl` is installed (tests that need it skip, saying so, when it is not). */
export async function kubectlPresent(): Promise<boolean> {
  try {
    return (await new Deno.Command("kubectl", { args: ["version", "--client"] }).output()).success;
  } catch {
    return false;
  }
}

/** What one kubectl run gave. */
export interface KubectlResult {
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** Runs kubectl with a kubeconfig, optionally feeding it stdin. */
export async function kubectl(
  kubeconfig: string,
  args: string[],
  stdin?: string,
): Promise<KubectlResult> {
  const child = new Deno.Command("kubectl", {
    args: ["--kubeconfig", kubeconfig, ...args],
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const done = child.output();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await done;
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}
