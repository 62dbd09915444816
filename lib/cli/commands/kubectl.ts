import type { CommandRegistration } from "./_registration.ts";
import { registerApply } from "../kubectl/apply_command.ts";
import { registerCreate } from "../kubectl/create_command.ts";
import { registerDelete } from "../kubectl/delete_command.ts";
import { registerScale } from "../kubectl/scale_command.ts";
import { registerRollout } from "../kubectl/rollout_command.ts";
import { registerSetImage } from "../kubectl/set_image_command.ts";
import { registerCordon } from "../kubectl/cordon_command.ts";
import { registerDrain } from "../kubectl/drain_command.ts";
import { registerTaint } from "../kubectl/taint_command.ts";
import { registerLabel } from "../kubectl/label_command.ts";
import { registerLogs } from "../kubectl/logs_command.ts";
import { registerCompletion } from "../kubectl/completion_command.ts";

/**
 * kubectl's writing verbs: apply, create, delete, scale, rollout, set image, cordon, uncordon,
 * drain, taint, label; logs; and `completion`, which walks every command registered before it runs.
 */
export const registerKubectlCommands: CommandRegistration = (program, globals) => {
  for (
    const register of [
      registerApply,
      registerCreate,
      registerDelete,
      registerScale,
      registerRollout,
      registerSetImage,
      registerCordon,
      registerDrain,
      registerTaint,
      registerLabel,
      registerLogs,
    ]
  ) register(program, globals);
  registerCompletion(program);
};
