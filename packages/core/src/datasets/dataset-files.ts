import { type DatasetFileInput, DatasetFileName } from "@infera/contracts";
import type { DatasetInput } from "@infera/dataset-validation";
import { findHeldBlob } from "../blobs/find-held-blob.js";
import { unknownBlob } from "../blobs/unknown-blob.js";
import type { BlobStore } from "../ports/blob-store.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, invalid, notFound } from "../shared/errors.js";
import { effectiveState, findUpload } from "../uploads/upload-queries.js";

/** A file of a version to be: its name, its stored bytes, and the upload it comes from (if any). */
export interface ResolvedFile {
  name: string;
  sha256: string;
  size: number;
  uploadId: string | null;
}

/** Rejects names that could climb out of a folder or hide characters: `..`, `/abs`, `C:`, `\`, NUL. */
export function checkFileName(name: string): string {
  const parsed = DatasetFileName.safeParse(name);
  if (!parsed.success)
    throw invalid(
      `file name ${JSON.stringify(name.slice(0, 200))} ${parsed.error.issues[0]?.message ?? "is not valid"}`,
      { name: name.slice(0, 200) },
    );
  return name;
}

/**
 * Looks the files up without taking anything: each upload must be the project's, complete and not
 * used yet (an upload cut off mid-way answers conflict naming its state), each sha256 one the
 * dataset's tenant holds (find-held-blob.ts).
 * Taking the uploads happens later, in the transaction that registers the version.
 */
export async function resolveFiles(
  ctx: ServiceContext,
  { tenantId, projectId }: { tenantId: string; projectId: string },
  inputs: DatasetFileInput[],
): Promise<ResolvedFile[]> {
  const store = ctx.blobs;
  const out: ResolvedFile[] = [];
  const names = new Set<string>();
  const uploads = new Set<string>();
  for (const f of inputs) {
    let file: ResolvedFile;
    if ("upload_id" in f) {
      const row = await findUpload(ctx.db, f.upload_id).catch((err) => {
        if (err instanceof DomainError && err.code === "not_found")
          throw notFound(`upload ${f.upload_id.slice(0, 60)}`);
        throw err;
      });
      if (row.projectId !== projectId) throw notFound(`upload ${f.upload_id}`);
      const state = effectiveState(row, ctx.now());
      if (state !== "complete" || !row.sha256)
        throw new DomainError(
          "conflict",
          `upload ${row.id} is ${state} (${row.byteOffset} of ${row.length} bytes received), not complete: finish or resume it, then try again`,
          { upload_id: row.id, state, offset: row.byteOffset, length: row.length },
        );
      if (row.takenAt)
        throw new DomainError("conflict", `upload ${row.id} was already used`, { upload_id: row.id });
      if (uploads.has(row.id)) throw invalid(`upload ${row.id} is given twice`);
      uploads.add(row.id);
      file = {
        name: checkFileName(f.name ?? row.filename),
        sha256: row.sha256,
        size: row.length,
        uploadId: row.id,
      };
    } else {
      const held = await findHeldBlob(ctx.db, store, tenantId, f.sha256);
      if (!held) throw unknownBlob(f.name, f.sha256, { name: f.name, sha256: f.sha256 });
      file = { name: checkFileName(f.name), sha256: f.sha256, size: held.size, uploadId: null };
    }
    if (names.has(file.name)) throw invalid(`file name ${JSON.stringify(file.name)} is given twice`);
    names.add(file.name);
    out.push(file);
  }
  return out;
}

/** Streams of the files in order, opened afresh on every pass (validation reads some files twice). */
export function blobSources(
  store: BlobStore,
  files: readonly { name: string; sha256: string }[],
): () => DatasetInput[] {
  return () =>
    files.map((f) => ({
      name: f.name,
      data: (async function* () {
        const { stream } = await store.get(f.sha256);
        yield* stream as AsyncIterable<Uint8Array>;
      })(),
    }));
}
