import { createContext } from "react";

/** What the wizard needs from one file's transfer; the tus implementation is in tus-uploader.ts. */
export interface UploadHandle {
  /** Stops sending; the bytes already received stay on the server for resume. */
  pause(): void;
  /** Continues from the server's offset (also how a failed transfer is retried). */
  resume(): void;
  /** Stops and asks the server to drop the partial upload. */
  cancel(): void;
}

export interface UploadCallbacks {
  onProgress(sent: number, total: number): void;
  /** The finished upload's id, what `versions.create` takes as `upload_id`. */
  onSuccess(uploadId: string): void;
  onError(error: Error): void;
}

export type StartUpload = (file: File, projectId: string, callbacks: UploadCallbacks) => UploadHandle;

/**
 * How files travel: tus over XHR by default. A context so that the upload wizards' tests can run
 * where no browser XHR exists (jsdom); the journey tests cover tus against the real server.
 */
export const UploaderContext = createContext<StartUpload | null>(null);
