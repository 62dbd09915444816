/**
 * Stand-in machines for tests across hosts: Linux network namespaces, each joined to the host
 * by a veth pair on a /30 of its own (host end `10.213.R.(4i+1)`, namespace end `.(4i+2)`, R
 * picked at random among the /24s no interface uses), with loopback up inside. A process run
 * with `ip netns exec` in one of them sees only its loopback and its veth: it reaches the host,
 * and the host reaches it, over a real, non-loopback address. Needs root and iproute2.
 *
 * @module
 */

/** One namespace: a machine of its own as far as the network goes. */
export interface NetnsHost {
  /** The namespace's name, `kc-<random>-<i>`. */
  namespace: string;
  /** Its address on the veth, e.g. `10.213.7.2`. */
  address: string;
  /** The host's address on the same veth, e.g. `10.213.7.1`: how the namespace reaches the host. */
  hostAddress: string;
  /** The host end of the veth pair. */
  hostLink: string;
}

/** Namespaces made by createNetnsHosts(). */
export interface NetnsHosts {
  /** The namespaces, in order. */
  hosts: NetnsHost[];
  /**
   * Kills (SIGKILL) whatever still runs in the namespaces, then deletes them and their veths.
   * Resolves to the processes it had to kill, as `namespace: pid command`.
   */
  close(): Promise<string[]>;
}

async function run(args: string[]): Promise<{ ok: boolean; out: string }> {
  try {
    const done = await new Deno.Command(args[0], { args: args.slice(1), stdin: "null" }).output();
    const text = new TextDecoder().decode(done.success ? done.stdout : done.stderr);
    return { ok: done.success, out: text.trim() };
  } catch (error) {
    return { ok: false, out: (error as Error).message };
  }
}

async function ip(...args: string[]): Promise<string> {
  const result = await run(["ip", ...args]);
  if (!result.ok) throw new Error(`ip ${args.join(" ")}: ${result.out}`);
  return result.out;
}

/**
 * Why namespaces cannot be made here (not root, no `ip`, `ip netns add` refused), for a test to
 * print as it skips; undefined when they can.
 */
export async function netnsUnavailable(): Promise<string | undefined> {
  if (Deno.build.os !== "linux") return `network namespaces need Linux, not ${Deno.build.os}`;
  if (Deno.uid() !== 0) return "network namespaces need root (uid 0)";
  const probe = `kc-probe-${crypto.randomUUID().slice(0, 8)}`;
  const added = await run(["ip", "netns", "add", probe]);
  if (!added.ok) return `ip netns add failed: ${added.out}`;
  await run(["ip", "netns", "del", probe]);
  return undefined;
}

/** A /24 of 10.213.0.0/16 that no interface of the host has an address in. */
async function freeSubnet(): Promise<number> {
  const used = await ip("-4", "-o", "addr", "show");
  for (let tries = 0; tries < 64; tries++) {
    const octet = Math.floor(Math.random() * 256);
    if (!used.includes(`10.213.${octet}.`)) return octet;
  }
  throw new Error("no free /24 in 10.213.0.0/16");
}

/** Makes `count` namespaces (at most 60), each with a veth pair to the host. */
export async function createNetnsHosts(count: number): Promise<NetnsHosts> {
  const tag = crypto.randomUUID().replaceAll("-", "").slice(0, 6);
  const octet = await freeSubnet();
  const hosts: NetnsHost[] = [];
  const close = async () => {
    const killed: string[] = [];
    for (const host of hosts) {
      const pids = (await run(["ip", "netns", "pids", host.namespace])).out.split(/\s+/)
        .filter((pid) => pid !== "");
      for (const pid of pids) {
        const command = await Deno.readTextFile(`/proc/${pid}/cmdline`)
          .then((text) => text.replaceAll("\0", " ").trim()).catch(() => "");
        killed.push(`${host.namespace}: ${pid} ${command}`);
        try {
          Deno.kill(Number(pid), "SIGKILL");
        } catch { /* gone meanwhile */ }
      }
      // Deleting the namespace end of a veth deletes its peer: this is for half-made pairs.
      await run(["ip", "link", "del", host.hostLink]);
      await run(["ip", "netns", "del", host.namespace]);
    }
    return killed;
  };
  try {
    for (let i = 0; i < count; i++) {
      const base = `10.213.${octet}.${4 * i}`.split(".").map(Number);
      const at = (offset: number) => [...base.slice(0, 3), base[3] + offset].join(".");
      const host: NetnsHost = {
        namespace: `kc-${tag}-${i}`,
        address: at(2),
        hostAddress: at(1),
        hostLink: `kc${tag}h${i}`,
      };
      hosts.push(host);
      const peer = `kc${tag}n${i}`;
      await ip("netns", "add", host.namespace);
      await ip("link", "add", host.hostLink, "type", "veth", "peer", "name", peer);
      await ip("link", "set", peer, "netns", host.namespace);
      await ip("addr", "add", `${host.hostAddress}/30`, "dev", host.hostLink);
      await ip("link", "set", host.hostLink, "up");
      await ip("-n", host.namespace, "addr", "add", `${host.address}/30`, "dev", peer);
      await ip("-n", host.namespace, "link", "set", peer, "up");
      await ip("-n", host.namespace, "link", "set", "lo", "up");
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { hosts, close };
}

/** The namespaces and host links of `hosts` that still exist (for a check after close()). */
export async function netnsLeftovers(hosts: readonly NetnsHost[]): Promise<string[]> {
  const namespaces = await ip("netns", "list");
  const links = await ip("-o", "link", "show");
  return hosts.flatMap((host) => [
    ...(new RegExp(`^${host.namespace}\\b`, "m").test(namespaces) ? [host.namespace] : []),
    ...(links.includes(`${host.hostLink}@`) || links.includes(`${host.hostLink}:`)
      ? [host.hostLink]
      : []),
  ]);
}
