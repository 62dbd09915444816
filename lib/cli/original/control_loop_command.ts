import { Cluster } from "../../cluster/cluster.ts";
import { nextStopSignal } from "../stop_signal.ts";
import { SqliteStore } from "../../store/sqlite.ts";
import { EtcdStore } from "../../store/etcd/etcd_store.ts";
import type { CommandRegistration } from "../commands/_registration.ts";
import { errorLine, processOutput, UsageError } from "../context.ts";
import { loggedStore } from "./action_log.ts";
import { parseSecondsFlag } from "./number_flags.ts";
import {
  NODE_LIFECYCLE_FLAG_DEFAULTS,
  nodeLifecycleOptions,
} from "../server/node_lifecycle_flags.ts";

const clockTime = () => new Date().toISOString().slice(11, 19);

/**
 * `control-loop [DB_PATH] --interval SECONDS [--node-monitor-grace-period 40s]
 * [--default-unreachable-toleration-seconds 300]`: leads the scheduler and the controllers on the
 * database (or on etcd with --etcd) until SIGINT or SIGTERM, printing one line per action they
 * take.
 */
export const registerControlLoopCommand: CommandRegistration = (program, globals) => {
  program.command("control-loop")
    .description("run the scheduler and controllers on the database until Ctrl-C")
    .argument("[db_path]", "the database (overrides --db)")
    .option("--interval <seconds>", "how often to look for work", "1")
    .option(
      "--node-monitor-grace-period <duration>",
      "how long a node may miss heartbeats before it is NotReady (Go duration: 40s, 1m30s)",
      NODE_LIFECYCLE_FLAG_DEFAULTS.nodeMonitorGracePeriod,
    )
    .option(
      "--default-unreachable-toleration-seconds <seconds>",
      "how long pods stay on an unreachable node before they are evicted",
      NODE_LIFECYCLE_FLAG_DEFAULTS.defaultUnreachableTolerationSeconds,
    )
    .action(async (dbPath, flags) => {
      const intervalMs = parseSecondsFlag(flags.interval, "--interval") * 1000;
      const nodeLifecycle = nodeLifecycleOptions(flags);
      const { etcd } = globals();
      if (etcd && dbPath !== undefined) {
        throw new UsageError(`control-loop takes a database path or --etcd, not both`);
      }
      const db = dbPath ?? globals().db;
      const out = processOutput({ color: globals().color });
      const log = (line: string) => out.out(`${clockTime()} ${line}`);
      // Opening creates missing system namespaces: the loop's own setup, not an action.
      let opened = false;
      const store = loggedStore(
        etcd ? await EtcdStore.open(etcd) : SqliteStore.open(db),
        (line) => opened && log(line),
      );
      const cluster = await Cluster.open({ store, nodeLifecycle });
      opened = true;
      const stop = nextStopSignal();
      try {
        await cluster.start({
          intervalMs,
          onError: (error) => out.err(`${clockTime()} ${errorLine(error) ?? String(error)}`),
        });
        const where = etcd ? `etcd ${etcd.join(",")}` : db;
        log(`control loop started on ${where}, every ${intervalMs / 1000} s`);
        const signal = await stop;
        log(`${signal}: stopping`);
      } finally {
        await cluster.close();
      }
      log("control loop stopped");
    });
};
