import { DomainError } from "../shared/errors.js";

/**
 * The byte arithmetic of a PATCH, kept in plain numbers (exact up to 2^53, so far past 4 GiB): the
 * client's Upload-Offset must be the recorded one, and the body may not run past the declared length.
 * Returns how many bytes this request may still send.
 */
export function patchRoom(
  upload: { length: number; offset: number },
  clientOffset: number,
  contentLength: number | undefined,
): number {
  if (clientOffset !== upload.offset)
    throw new DomainError(
      "conflict",
      `Upload-Offset ${clientOffset} does not match the ${upload.offset} bytes received so far`,
      { offset: upload.offset },
    );
  const room = upload.length - upload.offset;
  if (contentLength !== undefined && contentLength > room)
    throw new DomainError(
      "payload_too_large",
      `the body (${contentLength} bytes) runs past the upload's declared length (${room} bytes left of ${upload.length})`,
    );
  return room;
}

/** Whether `offset` bytes are the whole upload. */
export const isComplete = (upload: { length: number }, offset: number) => offset === upload.length;
