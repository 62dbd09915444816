/**
 * Decoding schema of a container (core/v1 Container) and its parts: probes, env, ports,
 * resources.
 *
 * @module
 */
import type { z } from "zod";
import { pullPolicyFor } from "../_defaults_pod.ts";
import {
  bool,
  int32,
  int64,
  intOrString,
  kept,
  list,
  resourceList,
  str,
  struct,
  whenEquals,
} from "./_schema_core.ts";

function httpGet(): z.ZodType {
  return struct("v1.HTTPGetAction", {
    path: str(),
    port: intOrString(),
    host: str(),
    scheme: str(),
    httpHeaders: list(struct("v1.HTTPHeader", { name: str(), value: str() })),
  });
}

function tcpSocket(): z.ZodType {
  return struct("v1.TCPSocketAction", { port: intOrString(), host: str() });
}

/** core/v1 Probe. */
function probe(): z.ZodType {
  return struct("v1.Probe", {
    exec: struct("v1.ExecAction", { command: list(str()) }),
    httpGet: httpGet(),
    tcpSocket: tcpSocket(),
    grpc: struct("v1.GRPCAction", { port: int32(), service: str() }),
    initialDelaySeconds: int32(),
    timeoutSeconds: int32(),
    periodSeconds: int32(),
    successThreshold: int32(),
    failureThreshold: int32(),
    terminationGracePeriodSeconds: int64(),
  });
}

function envVar(): z.ZodType {
  return struct("v1.EnvVar", {
    name: str(),
    value: str(),
    valueFrom: struct("v1.EnvVarSource", {
      fieldRef: struct("v1.ObjectFieldSelector", { apiVersion: str(), fieldPath: str() }),
      resourceFieldRef: kept(),
      configMapKeyRef: kept(),
      secretKeyRef: kept(),
      fileKeyRef: kept(),
    }),
  });
}

function containerPort(): z.ZodType {
  return struct("v1.ContainerPort", {
    name: str(),
    hostPort: int32(),
    containerPort: int32(),
    protocol: str(),
    hostIP: str(),
  });
}

/** core/v1 Container (also used for init containers). */
export function container(): z.ZodType {
  return struct("v1.Container", {
    name: str(),
    image: str(),
    command: list(str()),
    args: list(str()),
    workingDir: kept(str()),
    ports: list(containerPort()),
    envFrom: kept(),
    env: list(envVar()),
    resources: struct("v1.ResourceRequirements", {
      limits: resourceList(),
      requests: resourceList(),
      claims: kept(),
    }),
    resizePolicy: kept(),
    restartPolicy: kept(str()),
    restartPolicyRules: kept(),
    volumeMounts: kept(),
    volumeDevices: kept(),
    livenessProbe: probe(),
    readinessProbe: probe(),
    startupProbe: probe(),
    lifecycle: kept(),
    terminationMessagePath: kept(str(), whenEquals("/dev/termination-log")),
    terminationMessagePolicy: kept(str(), whenEquals("File")),
    imagePullPolicy: kept(str(), (v, c) => v === pullPolicyFor(String(c.image ?? ""))),
    securityContext: kept(),
    stdin: kept(bool()),
    stdinOnce: kept(bool()),
    tty: kept(bool()),
  });
}
