import assert from "node:assert/strict";
import { logEndpointHandler } from "../../lib/agent/log_endpoint.ts";
import type { Pod } from "../../lib/api/types.ts";
import { makePod } from "../_fixtures.ts";
import { scratch } from "./runtime/_helpers.ts";

function waitingPod(reason?: string): Pod {
  return makePod("web", {
    overrides: {
      metadata: { uid: "uid-1" },
      status: reason === undefined ? {} : {
        containerStatuses: [{
          name: "web",
          state: { waiting: { reason } },
          lastState: {},
          ready: false,
          restartCount: 0,
          image: "x",
          imageID: "",
        }],
      },
    },
  });
}

async function ask(pod: Pod, query = ""): Promise<{ code: number; message: string }> {
  await using dir = await scratch();
  const handler = logEndpointHandler({
    logDir: dir.dir,
    pod: () => pod,
    signal: new AbortController().signal,
  });
  const answer = await handler(
    new Request(`http://127.0.0.1/containerLogs/default/web/web${query}`),
  );
  return { code: answer.status, message: (await answer.json()).message };
}

Deno.test("the log of a container that never started names its waiting reason", async () => {
  assert.deepEqual(await ask(waitingPod("CreateContainerConfigError")), {
    code: 400,
    message: 'container "web" in pod "web" is waiting to start: CreateContainerConfigError',
  });
});

Deno.test("the log of a container without a status yet says ContainerCreating", async () => {
  assert.deepEqual(await ask(waitingPod()), {
    code: 400,
    message: 'container "web" in pod "web" is waiting to start: ContainerCreating',
  });
});

Deno.test("a previous log that does not exist is a BadRequest naming the container", async () => {
  assert.deepEqual(await ask(waitingPod("RunContainerError"), "?previous=true"), {
    code: 400,
    message: 'previous terminated container "web" in pod "web" not found',
  });
});
