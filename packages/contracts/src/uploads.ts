import { z } from "zod";
import { lineField, refuseUnsafe, Timestamp } from "./common.js";

/** The tus protocol version and extensions `/api/v1/uploads` speaks. */
export const TUS_VERSION = "1.0.0";
export const TUS_EXTENSIONS = ["creation", "creation-with-upload", "termination", "expiration"] as const;

export const UploadState = z.enum(["uploading", "complete", "failed", "expired", "canceled"]);
export type UploadState = z.infer<typeof UploadState>;

/** Status of one resumable upload (GET /uploads/{uploadId}; HEAD gives the same in tus headers). */
export const Upload = z.object({
  id: z.string(),
  project_id: z.string(),
  filename: z.string(),
  content_type: z.string().nullable(),
  length: z.number().int().describe("Declared total size in bytes (Upload-Length)"),
  offset: z.number().int().describe("Bytes received so far (Upload-Offset)"),
  state: UploadState,
  expected_sha256: z.string().nullable().describe("The sha256 the client declared, checked on completion"),
  sha256: z.string().nullable().describe("Digest of the bytes, once complete: their name in the blob store"),
  failure: z.string().nullable().describe("Why a failed upload failed (e.g. a sha256 mismatch)"),
  created_by: z.string().nullable(),
  expires_at: Timestamp,
  completed_at: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Upload = z.infer<typeof Upload>;

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * What a client declares when it creates an upload, decoded from `Upload-Metadata`
 * (`key base64(value),…`): the project, the file name, and optionally the sha256 and content type.
 */
export const CreateUploadInput = z.strictObject({
  project_id: z.string().min(1).max(100),
  filename: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine(isPlainName, "must be a plain file name (no folders, no control characters)")
    .superRefine(refuseUnsafe(false)),
  sha256: z
    .string()
    .transform((s) => s.toLowerCase())
    .refine((s) => SHA256.test(s), "must be 64 hex characters")
    .optional(),
  content_type: lineField(255).optional(),
  length: z.number().int().min(0),
});
export type CreateUploadInput = z.infer<typeof CreateUploadInput>;

function isPlainName(s: string): boolean {
  if (s === "." || s === ".." || s.includes("/") || s.includes("\\")) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20 || s.charCodeAt(i) === 0x7f) return false;
  return true;
}
