import { invalid } from "../shared/errors.js";

/** A header that cannot be what it claims: always a validation_error naming the file. */
export function badHeader(path: string, format: string, why: string) {
  return invalid(`${path}: the ${format} header is not valid: ${why}`, { path, format });
}
