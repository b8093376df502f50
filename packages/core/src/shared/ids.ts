import { type IdKind, idPrefixes } from "@infera/contracts";
import { monotonicFactory } from "ulid";

const ulid = monotonicFactory();

/** A new opaque, time-ordered id such as `proj_01j9…`. */
export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${ulid().toLowerCase()}`;
}
