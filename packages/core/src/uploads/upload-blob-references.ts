import { and, eq, inArray, isNull, tables } from "@infera/db";
import { registerBlobReferenceKind } from "../blobs/blob-references.js";
import type { CoreRegistry } from "../shared/registry.js";

/** What uploads keep alive. */
export function registerUploadKinds(registry: CoreRegistry): void {
  /**
   * A completed upload no feature has taken yet keeps its blob from garbage collection until it
   * expires: it sits between the upload and the version that will reference it.
   */
  registerBlobReferenceKind(registry, {
    type: "upload",
    async referenced(exec, sha256s) {
      const rows = await exec
        .selectDistinct({ sha256: tables.uploads.sha256 })
        .from(tables.uploads)
        .where(
          and(
            eq(tables.uploads.state, "complete"),
            isNull(tables.uploads.takenAt),
            inArray(tables.uploads.sha256, [...sha256s]),
          ),
        );
      return rows.map((r) => r.sha256!);
    },
  });
}
