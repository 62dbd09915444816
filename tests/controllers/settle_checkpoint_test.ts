import assert from "node:assert/strict";
import type { Lease } from "../../lib/api/types.ts";
import {
  CHECKPOINT_ANNOTATION,
  checkpointAnnotations,
  checkpointOf,
} from "../../lib/controllers/settle_checkpoint.ts";

function leaseWith(text: string | undefined): Lease {
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name: "kclone-controller-manager",
      namespace: "kube-system",
      ...(text === undefined ? {} : { annotations: { [CHECKPOINT_ANNOTATION]: text } }),
    },
  };
}

Deno.test("a checkpoint written on the Lease reads back as it was", () => {
  const checkpoint = { revision: 42, delayed: { kubelet: { "node-a": 10_000 } } };
  const annotations = checkpointAnnotations(checkpoint);
  assert.deepEqual(annotations, {
    "kclone.dev/settled": '{"revision":42,"delayed":{"kubelet":{"node-a":10000}}}',
  });
  assert.deepEqual(checkpointOf(leaseWith(annotations[CHECKPOINT_ANNOTATION])), checkpoint);
});

Deno.test("no checkpoint, a malformed one, or one too large to keep means listing everything", () => {
  assert.deepEqual(checkpointAnnotations(undefined), { "kclone.dev/settled": "" });
  const delayed = Object.fromEntries(
    Array.from({ length: 5_000 }, (_, i) => [`node-${i}`, 1_000_000_000_000]),
  );
  assert.deepEqual(checkpointAnnotations({ revision: 1, delayed: { kubelet: delayed } }), {
    "kclone.dev/settled": "",
  });
  for (const text of [undefined, "", "{", '{"revision":-1,"delayed":{}}', '{"revision":3}']) {
    assert.equal(checkpointOf(leaseWith(text)), undefined, String(text));
  }
  assert.equal(
    checkpointOf(leaseWith('{"revision":3,"delayed":{"kubelet":{"a":"soon"}}}')),
    undefined,
  );
  assert.equal(checkpointOf(undefined), undefined);
});
