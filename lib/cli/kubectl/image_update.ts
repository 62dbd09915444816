/**
 * What `kubectl set image` does to a pod spec: `NAME=IMAGE` sets the image of the container (or
 * init container) of that name, `*=IMAGE` of every container.
 *
 * @module
 */
import type { Container, PodSpec } from "../../api/types.ts";
import { UsageError } from "../context.ts";

/** The result of setting images. */
export interface ImageUpdate {
  /** The new pod spec (a copy). */
  spec: PodSpec;
  /** Whether any image changed; kubectl prints nothing for an object that did not change. */
  changed: boolean;
  /** kubectl's errors for names no container has: `unable to find container named "x"`. */
  errors: string[];
}

/**
 * Reads `NAME=IMAGE` arguments into a map; throws UsageError for one without `=` or an empty
 * part, and for `*` given with other names.
 *
 * @example
 * ```ts
 * import { parseImageSpecs } from "./image_update.ts";
 * parseImageSpecs(["web=nginx:1.28"]); // { web: "nginx:1.28" }
 * ```
 */
export function parseImageSpecs(specs: readonly string[]): Record<string, string> {
  const images: Record<string, string> = {};
  for (const spec of specs) {
    const at = spec.indexOf("=");
    if (at <= 0 || at === spec.length - 1) throw new UsageError(`invalid image: ${spec}`);
    images[spec.slice(0, at)] = spec.slice(at + 1);
  }
  if (specs.length === 0) throw new UsageError("at least one image update is required");
  if (Object.hasOwn(images, "*") && Object.keys(images).length > 1) {
    throw new UsageError(
      "all containers are already specified by *, but saw more than one container_name=container_image pairs",
    );
  }
  return images;
}

/**
 * Sets container images in a copy of `spec`, as kubectl's setImage does.
 *
 * @example
 * ```ts
 * import { updateImages } from "./image_update.ts";
 * updateImages({ containers: [{ name: "web", image: "nginx:1.27" }] }, { web: "nginx:1.28" })
 *   .changed; // true
 * ```
 */
export function updateImages(spec: PodSpec, images: Readonly<Record<string, string>>): ImageUpdate {
  const copy = structuredClone(spec);
  let changed = false;
  const errors: string[] = [];
  const set = (containers: Container[] | undefined, name: string, image: string): boolean => {
    let found = false;
    for (const container of containers ?? []) {
      if (container.name !== name && name !== "*") continue;
      found = true;
      if (container.image !== image) changed = true;
      container.image = image;
    }
    return found;
  };
  for (const [name, image] of Object.entries(images)) {
    const inInit = set(copy.initContainers, name, image);
    const inMain = set(copy.containers, name, image);
    if (!inInit && !inMain) errors.push(`unable to find container named ${JSON.stringify(name)}`);
  }
  return { spec: copy, changed, errors };
}
