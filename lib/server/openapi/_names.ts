/**
 * Kubernetes' OpenAPI definition names (`io.k8s.api.core.v1.Pod`) for the Go type names the
 * decoding schemas record (`v1.Pod`).
 *
 * @module
 */

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

// Go types outside core/v1, by struct name: the decoder records `v1.X` for every package.
const PACKAGES: Record<string, string> = {
  ObjectMeta: META,
  OwnerReference: META,
  LabelSelector: META,
  LabelSelectorRequirement: META,
  ListMeta: META,
  Condition: META,
  Time: META,
  Patch: META,
  Deployment: "io.k8s.api.apps.v1",
  DeploymentSpec: "io.k8s.api.apps.v1",
  DeploymentStatus: "io.k8s.api.apps.v1",
  DeploymentStrategy: "io.k8s.api.apps.v1",
  DeploymentCondition: "io.k8s.api.apps.v1",
  RollingUpdateDeployment: "io.k8s.api.apps.v1",
  ReplicaSet: "io.k8s.api.apps.v1",
  ReplicaSetSpec: "io.k8s.api.apps.v1",
  ReplicaSetStatus: "io.k8s.api.apps.v1",
  ReplicaSetCondition: "io.k8s.api.apps.v1",
  Lease: "io.k8s.api.coordination.v1",
  LeaseSpec: "io.k8s.api.coordination.v1",
};

/** The definition name of a struct, e.g. `DeploymentSpec` → `io.k8s.api.apps.v1.DeploymentSpec`. */
export function definitionName(structName: string): string {
  return `${PACKAGES[structName] ?? "io.k8s.api.core.v1"}.${structName}`;
}

/** A `$ref` to a definition of the same document. */
export function ref(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/** IntOrString, Quantity and Time: strings (or numbers) with a format, as Kubernetes names them. */
export const SCALAR_DEFINITIONS: Readonly<Record<string, Record<string, unknown>>> = {
  "intstr.IntOrString": {
    name: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
    type: "string",
    format: "int-or-string",
    description:
      "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
  },
  "resource.Quantity": {
    name: "io.k8s.apimachinery.pkg.api.resource.Quantity",
    type: "string",
    description:
      "Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.",
  },
  "v1.Time": {
    name: `${META}.Time`,
    type: "string",
    format: "date-time",
    description:
      "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.",
  },
};
