import assert from "node:assert/strict";
import { BadRequestError } from "../../lib/api/errors.ts";
import { matchesFields, parseFieldSelector } from "../../lib/api/field_selector.ts";
import type { FieldRequirement } from "../../lib/api/field_selector.ts";
import type { AnyObject } from "../../lib/api/types.ts";

function object(value: Record<string, unknown>): AnyObject {
  return value as unknown as AnyObject;
}

const pod = object({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web-1", namespace: "shop" },
  spec: { nodeName: "node-a", restartPolicy: "Always", containers: [] },
  status: { phase: "Running", podIP: "10.0.0.7" },
});
const pendingPod = object({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web-2", namespace: "shop" },
  spec: { containers: [] },
  status: { phase: "Pending" },
});
const cordoned = object({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name: "node-b" },
  spec: { unschedulable: true },
});
const ready = object({ apiVersion: "v1", kind: "Node", metadata: { name: "node-a" }, spec: {} });
const event = object({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name: "web-1.1", namespace: "shop" },
  involvedObject: { kind: "Pod", name: "web-1", namespace: "shop", uid: "u-1" },
  reason: "FailedScheduling",
  type: "Warning",
  source: { component: "default-scheduler" },
});

Deno.test("parseFieldSelector() reads =, == and != terms", () => {
  const cases: [string, FieldRequirement[]][] = [
    ["", []],
    ["spec.nodeName=node-a", [{ field: "spec.nodeName", operator: "=", value: "node-a" }]],
    ["status.phase==Running", [{ field: "status.phase", operator: "=", value: "Running" }]],
    ["status.phase!=Failed", [{ field: "status.phase", operator: "!=", value: "Failed" }]],
    ["spec.nodeName=", [{ field: "spec.nodeName", operator: "=", value: "" }]],
    [
      "metadata.name=web-1,metadata.namespace!=kube-system",
      [
        { field: "metadata.name", operator: "=", value: "web-1" },
        { field: "metadata.namespace", operator: "!=", value: "kube-system" },
      ],
    ],
    ["metadata.name=a\\,b\\=c\\\\", [{ field: "metadata.name", operator: "=", value: "a,b=c\\" }]],
    ["metadata.name=a,", [{ field: "metadata.name", operator: "=", value: "a" }]], // empty terms skip
  ];
  for (const [text, expected] of cases) {
    assert.deepEqual(parseFieldSelector("Pod", text), expected, text);
  }
});

Deno.test("parseFieldSelector() accepts the fields each kind supports", () => {
  const cases: [string, string][] = [
    ["Namespace", "metadata.name"],
    ["Deployment", "metadata.namespace"],
    ["Pod", "spec.nodeName"],
    ["Pod", "spec.restartPolicy"],
    ["Pod", "spec.schedulerName"],
    ["Pod", "status.podIP"],
    ["Event", "involvedObject.kind"],
    ["Event", "involvedObject.name"],
    ["Event", "involvedObject.namespace"],
    ["Event", "involvedObject.uid"],
    ["Event", "reason"],
    ["Event", "type"],
    ["Event", "source"],
    ["Node", "spec.unschedulable"],
    ["Service", "spec.clusterIP"],
    ["Service", "spec.type"],
  ];
  for (const [kind, field] of cases) {
    assert.equal(parseFieldSelector(kind, `${field}=x`)[0].field, field, `${kind} ${field}`);
  }
});

Deno.test("parseFieldSelector() rejects unsupported fields with Kubernetes' message", () => {
  const cases: [string, string, string][] = [
    ["Pod", "spec.foo=x", "field label not supported: spec.foo"],
    ["Deployment", "spec.nodeName=x", "field label not supported: spec.nodeName"],
    ["Node", "status.phase=x", "field label not supported: status.phase"],
    ["Pod", "metadata.name =x", "field label not supported: metadata.name "],
    ["Pod", "=x", "field label not supported: "],
  ];
  for (const [kind, text, message] of cases) {
    assert.throws(() => parseFieldSelector(kind, text), (error: unknown) => {
      assert.ok(error instanceof BadRequestError, text);
      assert.equal(error.message, message, text);
      return true;
    });
  }
});

Deno.test("parseFieldSelector() rejects malformed text", () => {
  const cases: [string, string][] = [
    ["metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ["a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"],
    ["metadata.name=a=b", "invalid field selector: unescaped character in value: 61"], // '=' is 61
    ["metadata.name=a\\b", "invalid field selector: invalid escape sequence: \\b"],
    ["metadata.name=a\\", "invalid field selector: invalid escape sequence: \\"],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseFieldSelector("Pod", text),
      { name: "BadRequestError", message },
      text,
    );
  }
});

Deno.test("matchesFields() compares field values as text", () => {
  const cases: [string, string, AnyObject, boolean][] = [
    ["Pod", "", pod, true],
    ["Pod", "spec.nodeName=node-a", pod, true],
    ["Pod", "spec.nodeName=node-b", pod, false],
    ["Pod", "spec.nodeName=", pendingPod, true], // unscheduled: a missing field is ""
    ["Pod", "spec.nodeName!=", pod, true],
    ["Pod", "spec.nodeName!=", pendingPod, false],
    ["Pod", "status.phase!=Running,metadata.namespace=shop", pendingPod, true],
    ["Pod", "status.phase!=Running,metadata.namespace=shop", pod, false],
    ["Pod", "status.podIP=10.0.0.7", pod, true],
    ["Pod", "metadata.name=web-1", pod, true],
    ["Node", "spec.unschedulable=true", cordoned, true],
    ["Node", "spec.unschedulable=false", ready, true], // unset reads as "false", as in Kubernetes
    ["Node", "spec.unschedulable!=true", ready, true],
    ["Node", "spec.unschedulable=true", ready, false],
    ["Event", "involvedObject.kind=Pod,involvedObject.name=web-1", event, true],
    ["Event", "involvedObject.uid=u-1,reason=FailedScheduling,type=Warning", event, true],
    ["Event", "source=default-scheduler", event, true], // source.component
    ["Event", "involvedObject.namespace=other", event, false],
  ];
  for (const [kind, text, target, expected] of cases) {
    assert.equal(matchesFields(parseFieldSelector(kind, text), target), expected, text);
  }
});
