import assert from "node:assert/strict";
import { join } from "node:path";
import type { Taint } from "../../lib/api/types.ts";
import { buildCli } from "../../cli.ts";
import { UsageError } from "../../lib/cli/context.ts";
import { parseCascade } from "../../lib/cli/kubectl/cascade.ts";
import { completionScript } from "../../lib/cli/kubectl/completion_command.ts";
import { planDrain } from "../../lib/cli/kubectl/drain_plan.ts";
import { parseDuration } from "../../lib/cli/kubectl/duration.ts";
import { parseImageSpecs, updateImages } from "../../lib/cli/kubectl/image_update.ts";
import { parseLabelSpecs } from "../../lib/cli/kubectl/label_spec.ts";
import { updateLabels } from "../../lib/cli/kubectl/label_update.ts";
import { loadManifests } from "../../lib/cli/kubectl/load_manifests.ts";
import { splitResourcesAndPairs } from "../../lib/cli/kubectl/pair_args.ts";
import { describePodTemplate } from "../../lib/cli/kubectl/pod_template_text.ts";
import { renderProgress } from "../../lib/cli/progress.ts";
import { startProgress } from "../../lib/cli/progress_writer.ts";
import { readManifests } from "../../lib/cli/kubectl/read_manifests.ts";
import { parseResourceArgs } from "../../lib/cli/kubectl/resource_args.ts";
import { rolloutHistoryText } from "../../lib/cli/kubectl/rollout_history_text.ts";
import { deploymentRolloutStatus } from "../../lib/cli/kubectl/rollout_status.ts";
import { parseTaintSpecs } from "../../lib/cli/kubectl/taint_spec.ts";
import { updateTaints } from "../../lib/cli/kubectl/taint_update.ts";
import { makeDeployment, makePod } from "../_fixtures.ts";

/** Asserts that `fn` throws a UsageError with exactly `message`. */
function usage(fn: () => unknown, message: string): void {
  assert.throws(fn, (e) => e instanceof UsageError && e.message === message, message);
}

Deno.test("parseResourceArgs() reads TYPE NAME..., TYPE1,TYPE2 NAME and TYPE/NAME", () => {
  const cases: [string[], string[]][] = [
    [["deploy", "web", "api"], ["Deployment/web", "Deployment/api"]],
    [["pods,svc", "web"], ["Pod/web", "Service/web"]],
    [["deployment/web", "no/node-a"], ["Deployment/web", "Node/node-a"]],
    [["rs"], []],
  ];
  for (const [args, expected] of cases) {
    const { targets } = parseResourceArgs(args);
    assert.deepEqual(targets.map((t) => `${t.info.kind}/${t.name}`), expected, args.join(" "));
  }
  assert.deepEqual(parseResourceArgs(["rs"]).kinds.map((k) => k.kind), ["ReplicaSet"]);
  usage(
    () => parseResourceArgs(["widgets", "x"]),
    'the server doesn\'t have a resource type "widgets"',
  );
  usage(
    () => parseResourceArgs(["deploy", "deploy/web"]),
    "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
  );
});

Deno.test("splitResourcesAndPairs() splits where the changes begin, as kubectl does", () => {
  assert.deepEqual(splitResourcesAndPairs(["pod", "web", "app=web", "tier-"]), {
    resources: ["pod", "web"],
    pairs: ["app=web", "tier-"],
  });
  assert.deepEqual(splitResourcesAndPairs(["node-a", "gpu:NoSchedule"], { pairType: "taint" }), {
    resources: ["node-a"],
    pairs: ["gpu:NoSchedule"],
  });
  usage(
    () => splitResourcesAndPairs(["pod", "app=web", "web"]),
    "all resources must be specified before label changes: web",
  );
});

Deno.test("parseLabelSpecs() reads k=v and k- and refuses what kubectl refuses", () => {
  assert.deepEqual(parseLabelSpecs(["app=web", "tier-", "empty="]), {
    set: { app: "web", empty: "" },
    remove: ["tier"],
  });
  usage(() => parseLabelSpecs(["a=b=c"]), "invalid label spec: a=b=c");
  usage(() => parseLabelSpecs(["app"]), "unknown label spec: app");
  usage(
    () => parseLabelSpecs(["app=web", "app-"]),
    "can not both modify and remove a label in the same command",
  );
  usage(
    () => parseLabelSpecs(["app=-web"]),
    "invalid label value: \"app=-web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  );
});

Deno.test("updateLabels() says labeled, unlabeled or not labeled, and needs --overwrite to change a value", () => {
  const cases: [Record<string, string>, string[], boolean, Record<string, string>, string][] = [
    [{ app: "web" }, ["tier=front"], false, { app: "web", tier: "front" }, "labeled"],
    [{ app: "web", tier: "front" }, ["tier-"], false, { app: "web" }, "unlabeled"],
    [{ app: "web", tier: "front" }, ["tier-"], true, { app: "web" }, "labeled"], // as kubectl
    [{ app: "web" }, ["app=api"], true, { app: "api" }, "labeled"],
    [{ app: "web" }, ["app=web"], true, { app: "web" }, "not labeled"],
    [{ app: "web" }, ["gone-"], false, { app: "web" }, "not labeled"],
  ];
  for (const [labels, specs, overwrite, expected, message] of cases) {
    const update = updateLabels(labels, parseLabelSpecs(specs), { overwrite });
    assert.deepEqual([update.labels, update.message], [expected, message], specs.join(" "));
  }
  assert.deepEqual(updateLabels({}, parseLabelSpecs(["gone-"])).notFound, ["gone"]);
  usage(
    () => updateLabels({ app: "web" }, parseLabelSpecs(["app=web"])),
    "'app' already has a value (web), and --overwrite is false",
  );
});

Deno.test("parseTaintSpecs() reads key=value:Effect, key:Effect and removals with kubectl's errors", () => {
  assert.deepEqual(
    parseTaintSpecs(["dedicated=gpu:NoSchedule", "spot:NoExecute", "old:NoSchedule-", "x-"]),
    {
      add: [
        { key: "dedicated", value: "gpu", effect: "NoSchedule" },
        { key: "spot", effect: "NoExecute" },
      ],
      remove: [{ key: "old", effect: "NoSchedule" }, { key: "x" }],
    },
  );
  const errors: [string[], string][] = [
    [["a=b:Sometimes"], "invalid taint effect: Sometimes, unsupported taint effect"],
    [["a:b:c"], "invalid taint spec: a:b:c"],
    [["a=b=c:NoSchedule"], "invalid taint spec: a=b=c:NoSchedule"],
    [
      ["a=b:NoSchedule", "a=c:NoSchedule"],
      "duplicated taints with the same key and effect: {a c NoSchedule <nil>}",
    ],
    [
      ["a=b:NoSchedule", "a-"],
      'can not both modify and remove the following taint(s) in the same command: {"a":""}',
    ],
  ];
  for (const [specs, message] of errors) usage(() => parseTaintSpecs(specs), message);
  assert.throws(
    () => parseTaintSpecs(["a=b"]), // no effect: the whole text is read as a key
    /^UsageError: invalid taint spec: a=b, name part must consist of alphanumeric characters/,
  );
  assert.throws(
    () => parseTaintSpecs(["-bad:NoSchedule"]),
    /^UsageError: invalid taint spec: -bad:NoSchedule, name part must consist/,
  );
});

Deno.test("updateTaints() says tainted, untainted or modified, as kubectl's reorganizeTaints", () => {
  const gpu: Taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" };
  const node = (taints: Taint[]) => ({ metadata: { name: "node-a" }, spec: { taints } });
  const cases: [Taint[], string[], boolean, Taint[], string][] = [
    [[], ["dedicated=gpu:NoSchedule"], false, [gpu], "tainted"],
    [[gpu], ["dedicated:NoSchedule-"], false, [], "untainted"],
    [[gpu], ["dedicated-"], false, [], "untainted"],
    [[gpu], ["dedicated=cpu:NoSchedule"], true, [{ ...gpu, value: "cpu" }], "modified"],
    [
      [gpu],
      ["spot:NoExecute", "dedicated-"],
      false,
      [{ key: "spot", effect: "NoExecute" }],
      "modified",
    ],
  ];
  for (const [current, specs, overwrite, taints, operation] of cases) {
    const update = updateTaints(node(current), parseTaintSpecs(specs), { overwrite });
    assert.deepEqual([update.taints, update.operation], [taints, operation], specs.join(" "));
  }
  usage(
    () => updateTaints(node([gpu]), parseTaintSpecs(["dedicated=cpu:NoSchedule"])),
    "node node-a already has dedicated taint(s) with same effect(s) and --overwrite is false",
  );
  usage(
    () => updateTaints(node([]), parseTaintSpecs(["a:NoSchedule-", "b-"])),
    '[taint "a:NoSchedule" not found, taint "b" not found]',
  );
});

Deno.test("planDrain() evicts managed pods and refuses or warns about the rest as kubectl drain", () => {
  const owned = {
    ownerReferences: [{
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name: "web-1",
      uid: "u",
      controller: true,
    }],
  };
  const web = makePod("web-1", { overrides: { metadata: owned } });
  const bare = makePod("bare");
  const done = makePod("job", { overrides: { status: { phase: "Succeeded" } } });
  const cache = makePod("cache", {
    overrides: { metadata: owned, spec: { volumes: [{ name: "t", emptyDir: {} }] } },
  });
  const mirror = makePod("static", {
    overrides: { metadata: { annotations: { "kubernetes.io/config.mirror": "x" } } },
  });
  const refused = planDrain([web, bare, done, cache, mirror]);
  assert.deepEqual(refused.errors, [
    "cannot delete Pods that declare no controller (use --force to override): default/bare",
    "cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache",
  ]);
  const forced = planDrain([web, bare, done, cache, mirror], {
    force: true,
    deleteEmptyDirData: true,
  });
  assert.deepEqual(forced.errors, []);
  assert.deepEqual(forced.pods.map((p) => p.metadata.name), ["web-1", "bare", "job", "cache"]);
  assert.equal(
    forced.warnings,
    // kubectl keeps only the last filter's verdict, so cache's local-storage warning is dropped
    "deleting Pods that declare no controller: default/bare",
  );
});

Deno.test("deploymentRolloutStatus() prints kubectl's lines for each stage of a rollout", () => {
  const at = (status: object, generation = 2) =>
    makeDeployment("web", { replicas: 3, overrides: { metadata: { generation }, status } });
  const waiting = 'Waiting for deployment "web" rollout to finish:';
  const cases: [object, number, string, boolean][] = [
    [{ observedGeneration: 1 }, 2, "Waiting for deployment spec update to be observed...", false],
    [
      { observedGeneration: 2, updatedReplicas: 1, replicas: 3 },
      2,
      `${waiting} 1 out of 3 new replicas have been updated...`,
      false,
    ],
    [
      { observedGeneration: 2, updatedReplicas: 3, replicas: 4 },
      2,
      `${waiting} 1 old replicas are pending termination...`,
      false,
    ],
    [
      { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 },
      2,
      `${waiting} 2 of 3 updated replicas are available...`,
      false,
    ],
    [
      { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 },
      2,
      'deployment "web" successfully rolled out',
      true,
    ],
  ];
  for (const [status, generation, message, done] of cases) {
    assert.deepEqual(deploymentRolloutStatus(at(status, generation)), { message, done });
  }
  const pending = makePod("web-x", {
    overrides: {
      status: {
        conditions: [{
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: "0/2 nodes are available: 2 Insufficient cpu.",
        }],
      },
    },
  });
  assert.equal(
    deploymentRolloutStatus(
      at({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }),
      { pods: [pending] },
    ).message,
    `${waiting} 2 of 3 updated replicas are available... (Warning: 0/2 nodes are available: 2 Insufficient cpu.)`,
  );
  usage(
    () =>
      deploymentRolloutStatus(
        at({
          observedGeneration: 2,
          conditions: [{
            type: "Progressing",
            status: "False",
            reason: "ProgressDeadlineExceeded",
          }],
        }),
      ),
    'deployment "web" exceeded its progress deadline',
  );
  usage(
    () => deploymentRolloutStatus(at({}), { revision: 4 }),
    "desired revision (4) is different from the running revision (0)",
  );
});

Deno.test("rolloutHistoryText() prints the REVISION table, or one revision's template", () => {
  const template = makeDeployment("web").spec.template;
  const revisions = [
    { revision: 2, replicaSet: "web-2", changeCause: "kubectl set image", template },
    { revision: 1, replicaSet: "web-1", template },
  ];
  assert.deepEqual(rolloutHistoryText("deployment.apps/web", revisions), [
    "deployment.apps/web ",
    "REVISION  CHANGE-CAUSE",
    "1         <none>",
    "2         kubectl set image",
    "",
  ]);
  assert.deepEqual(rolloutHistoryText("deployment.apps/web", []), [
    "deployment.apps/web ",
    "No rollout history found.",
  ]);
  const second = rolloutHistoryText("deployment.apps/web", revisions, { revision: 2 });
  assert.deepEqual(second.slice(0, 4), [
    "deployment.apps/web with revision #2",
    "Pod Template:",
    "  Labels:       app=web",
    "  Annotations:  kubernetes.io/change-cause: kubectl set image",
  ]);
  usage(
    () => rolloutHistoryText("deployment.apps/web", revisions, { revision: 5 }),
    "unable to find the specified revision",
  );
});

Deno.test("describePodTemplate() aligns a template as kubectl's DescribePodTemplate", () => {
  const template = makeDeployment("web", { cpu: "100m", memory: "128Mi" }).spec.template;
  template.metadata!.labels = { app: "web", "pod-template-hash": "5d4f" };
  template.spec.containers[0] = {
    ...template.spec.containers[0],
    ports: [{ containerPort: 80, protocol: "TCP" }],
    command: ["nginx", "-g"],
    env: [{ name: "MODE", value: "prod" }],
    readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 5 },
  };
  template.spec.tolerations = [{
    key: "dedicated",
    operator: "Equal",
    value: "gpu",
    effect: "NoSchedule",
  }];
  assert.deepEqual(describePodTemplate(template), [
    "Pod Template:",
    "  Labels:  app=web",
    "           pod-template-hash=5d4f",
    "  Containers:",
    "   web:",
    "    Image:      nginx:1.27",
    "    Port:       80/TCP",
    "    Host Port:  0/TCP",
    "    Command:",
    "      nginx",
    "      -g",
    "    Requests:",
    "      cpu:      100m",
    "      memory:   128Mi",
    "    Readiness:  http-get http://:80/ delay=0s timeout=1s period=5s #success=1 #failure=3",
    "    Environment:",
    "      MODE:        prod",
    "    Mounts:        <none>",
    "  Volumes:         <none>",
    "  Node-Selectors:  <none>",
    "  Tolerations:     dedicated=gpu:NoSchedule",
  ]);
});

Deno.test("renderProgress() fills the bar in proportion and clamps the count", () => {
  const cases: [number, number, string][] = [
    [0, 4, "applying ░░░░░░░░ 0/4"],
    [1, 4, "applying ██░░░░░░ 1/4"],
    [3, 8, "applying ███░░░░░ 3/8"],
    [4, 4, "applying ████████ 4/4"],
    [9, 4, "applying ████████ 4/4"],
    [0, 0, "applying ████████ 0/0"],
  ];
  for (const [done, total, text] of cases) {
    assert.equal(renderProgress(done, total, { label: "applying", width: 8 }), text);
  }
  assert.equal(renderProgress(1, 2, { width: 4 }), "██░░ 1/2");
});

Deno.test("startProgress() draws only on a terminal, only for enough work, and erases itself", () => {
  const written: string[] = [];
  const terminal = { write: (text: string) => void written.push(text), isTerminal: true };
  const bar = startProgress(terminal, 20, { width: 4 });
  bar.update(10);
  bar.update(10);
  bar.update(20);
  bar.finish();
  assert.deepEqual(written, ["\r\x1b[2K██░░ 10/20", "\r\x1b[2K████ 20/20", "\r\x1b[2K"]);
  const piped: string[] = [];
  const quiet = startProgress({ write: (t) => void piped.push(t), isTerminal: false }, 500);
  quiet.update(250);
  quiet.finish();
  const small = startProgress(terminal, 3);
  small.update(1);
  assert.deepEqual(piped, []);
  assert.equal(written.length, 3);
});

Deno.test("parseDuration() reads Go durations and words a bad one as kubectl", () => {
  const cases: [string, number][] = [["0", 0], ["30s", 30_000], ["1m30s", 90_000], ["500ms", 500], [
    "1.5h",
    5_400_000,
  ]];
  for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
  usage(
    () => parseDuration("soon"),
    'invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"',
  );
});

Deno.test("parseCascade() maps --cascade onto kclone's propagation policies", () => {
  assert.deepEqual(parseCascade("background"), { policy: "Background", warnings: [] });
  assert.deepEqual(parseCascade("orphan"), { policy: "Orphan", warnings: [] });
  assert.equal(parseCascade("foreground").policy, "Background");
  assert.deepEqual(parseCascade("false"), {
    policy: "Orphan",
    warnings: [
      "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.",
    ],
  });
  usage(
    () => parseCascade("later"),
    'invalid cascade value (later). Must be "background", "foreground", or "orphan"',
  );
});

Deno.test("updateImages() sets images by container name or * and reports unknown names", () => {
  const spec = {
    containers: [{ name: "web", image: "nginx:1.27" }],
    initContainers: [{ name: "init", image: "busybox" }],
  };
  const update = updateImages(spec, parseImageSpecs(["web=nginx:1.28", "sidecar=envoy"]));
  assert.deepEqual(update.spec.containers, [{ name: "web", image: "nginx:1.28" }]);
  assert.equal(spec.containers[0].image, "nginx:1.27", "the input is not changed");
  assert.deepEqual([update.changed, update.errors], [true, [
    'unable to find container named "sidecar"',
  ]]);
  const all = updateImages(spec, parseImageSpecs(["*=nginx:1.27"]));
  assert.deepEqual([all.changed, all.spec.initContainers?.[0].image], [true, "nginx:1.27"]);
  assert.equal(updateImages(spec, { web: "nginx:1.27" }).changed, false);
  usage(() => parseImageSpecs(["web"]), "invalid image: web");
  usage(() => parseImageSpecs([]), "at least one image update is required");
});

Deno.test("loadManifests() places objects in -n's namespace and locates the first invalid one", () => {
  const pod =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: [{ name: web, image: nginx }]\n";
  const node = "apiVersion: v1\nkind: Node\nmetadata: { name: node-a }\n";
  const loaded = loadManifests([{ source: "a.yaml", text: `${pod}---\n${node}` }], {
    namespace: "dev",
  });
  assert.deepEqual(loaded.map((l) => [l.object.kind, l.object.metadata.namespace]), [
    ["Pod", "dev"],
    ["Node", undefined],
  ]);
  usage(
    () =>
      loadManifests([{
        source: "a.yaml",
        text: pod.replace("name: web", "name: web\n  namespace: prod"),
      }], { namespace: "dev" }),
    `the namespace from the provided object "prod" does not match the namespace "dev". You must pass '--namespace=prod' to perform this operation.`,
  );
  assert.throws(
    () =>
      loadManifests([{ source: "ok.yaml", text: node }, {
        source: "bad.yaml",
        text: pod.replace("image: nginx", "image: ''"),
      }]),
    {
      message:
        'bad.yaml, document 1, line 6: Pod "web" is invalid: spec.containers[0].image: Required value',
    },
  );
  assert.throws(() => loadManifests([{ source: "x.yaml", text: "a: [b" }]), UsageError);
  const progress: string[] = [];
  loadManifests([{ source: "a.yaml", text: `${node}---\n${node.replace("node-a", "node-b")}` }], {
    onDocument: (done, total) => void progress.push(`${done}/${total}`),
  });
  assert.deepEqual(progress, ["1/2", "2/2"]);
});

Deno.test("readManifests() reads files, directories (recursively with -R) and stdin as kubectl", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "sub"));
    for (const name of ["b.yaml", "a.json", "c.yml", "notes.txt", "sub/d.yaml"]) {
      await Deno.writeTextFile(join(dir, name), name);
    }
    const names = async (paths: string[], recursive = false) =>
      (await readManifests(paths, { recursive })).map((s) => s.source.slice(dir.length + 1));
    assert.deepEqual(await names([dir]), ["a.json", "b.yaml", "c.yml"]);
    assert.deepEqual(await names([dir], true), ["a.json", "b.yaml", "c.yml", "sub/d.yaml"]);
    assert.deepEqual(await names([join(dir, "notes.txt")]), ["notes.txt"]);
    const stdin = await readManifests(["-"], { readStdin: () => Promise.resolve("kind: X") });
    assert.deepEqual(stdin, [{ source: "STDIN", text: "kind: X" }]);
    await assert.rejects(() => readManifests([join(dir, "nope.yaml")]), {
      message: `the path "${join(dir, "nope.yaml")}" does not exist`,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("completionScript() names every command of the program in bash, zsh and fish", () => {
  const program = buildCli();
  const names = (command: typeof program, prefix: string): string[] =>
    command.commands.flatMap((
      c,
    ) => [`${prefix}/${c.name()}`, ...names(c as typeof program, `${prefix}/${c.name()}`)]);
  const paths = names(program, "");
  assert.ok(
    paths.includes("/rollout/status") && paths.includes("/set/image") && paths.includes("/apply"),
  );
  const bash = completionScript("bash", program);
  const zsh = completionScript("zsh", program);
  const fish = completionScript("fish", program);
  for (const path of paths) {
    assert.ok(bash.includes(`'${path}')`), `bash: ${path}`);
    assert.ok(zsh.includes(`'${path}')`), `zsh: ${path}`);
    assert.ok(fish.includes(` -a ${path.split("/").at(-1)} `), `fish: ${path}`);
  }
  assert.match(bash, /'\/apply'\) printf '%s\\n' '-f --filename -R --recursive -h --help' ;;/);
  assert.match(
    bash,
    /' node'\|' n'\|' node-add'\) printf '%s\\n' 'node-add' ;;|' node-add'\|' node'/,
  );
  usage(() => completionScript("pwsh", program), 'Unsupported shell type "pwsh".');
});
