import { invalid } from "../shared/errors.js";

/**
 * The one answer for a digest a version may not reference: stored nowhere, or held by another
 * tenant only. Same code, message and details either way, so it is no test of existence.
 */
export function unknownBlob(file: string, sha256: string, details: Record<string, unknown>) {
  return invalid(
    `file ${file}: no blob with sha256 ${sha256} is stored for this tenant; upload it first`,
    details,
  );
}
