import type { AnyObject } from "../api/types.ts";
import {
  labelSelectorFromObject,
  matchesLabels,
  parseLabelSelector,
} from "../api/label_selector.ts";
import type { LabelRequirement } from "../api/label_selector.ts";
import { matchesFields, parseFieldSelector } from "../api/field_selector.ts";
import type { FieldRequirement } from "../api/field_selector.ts";
import type { ListOptions } from "./store.ts";

/** A compiled list filter: parse selectors once, test many objects. */
export type ObjectFilter = (object: AnyObject) => boolean;

/** Compiles list options into a filter; BadRequest on a malformed selector. */
export function compileFilter(kind: string, options: ListOptions = {}): ObjectFilter {
  const { namespace, labelSelector, fieldSelector } = options;
  const labels: LabelRequirement[] = labelSelector === undefined
    ? []
    : typeof labelSelector === "string"
    ? parseLabelSelector(labelSelector)
    : labelSelectorFromObject(labelSelector);
  const fields: FieldRequirement[] = fieldSelector ? parseFieldSelector(kind, fieldSelector) : [];
  return (object) =>
    (namespace === undefined || object.metadata.namespace === namespace) &&
    (labels.length === 0 || matchesLabels(labels, object.metadata.labels)) &&
    (fields.length === 0 || matchesFields(fields, object));
}
