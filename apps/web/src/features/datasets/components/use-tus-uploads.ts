import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { startTusUpload } from "../../../lib/uploads/tus-uploader";
import { UploaderContext, type UploadHandle } from "../../../lib/uploads/uploader";

export type UploadStatus = "uploading" | "paused" | "error" | "done";

export interface FileUpload {
  key: string;
  name: string;
  size: number;
  status: UploadStatus;
  sent: number;
  error?: string;
  /** The tus upload's id once it finished (`upl_…`). */
  uploadId?: string;
}

/**
 * The dataset wizard's files, in the order they will be read, each sent through the shared tus
 * transport (lib/uploads): progress, pause and resume (the server keeps what arrived; a file picked
 * again after a reload resumes), retry, reordering.
 */
export function useTusUploads(projectId: string) {
  const startUpload = useContext(UploaderContext) ?? startTusUpload;
  const [items, setItems] = useState<FileUpload[]>([]);
  const handles = useRef(new Map<string, UploadHandle>());
  const seq = useRef(0);

  const patch = useCallback((key: string, change: Partial<FileUpload>) => {
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));
  }, []);

  const add = useCallback(
    (files: File[]) => {
      const added: FileUpload[] = files.map((file) => ({
        key: `f${++seq.current}`,
        name: file.name,
        size: file.size,
        status: "uploading",
        sent: 0,
      }));
      setItems((list) => [...list, ...added]);
      files.forEach((file, i) => {
        const key = (added[i] as FileUpload).key;
        const handle = startUpload(file, projectId, {
          onProgress: (sent) => patch(key, { sent }),
          onSuccess: (uploadId) => patch(key, { status: "done", sent: file.size, uploadId }),
          onError: (err) => patch(key, { status: "error", error: err.message }),
        });
        handles.current.set(key, handle);
      });
    },
    [startUpload, projectId, patch],
  );

  const pause = useCallback(
    (key: string) => {
      handles.current.get(key)?.pause();
      patch(key, { status: "paused" });
    },
    [patch],
  );

  const resume = useCallback(
    (key: string) => {
      patch(key, { status: "uploading", error: undefined });
      handles.current.get(key)?.resume();
    },
    [patch],
  );

  const remove = useCallback((key: string) => {
    // Stopped, not terminated: the server's partial upload stays a resume point until it expires.
    handles.current.get(key)?.pause();
    handles.current.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
  }, []);

  const move = useCallback((key: string, by: -1 | 1) => {
    setItems((list) => {
      const i = list.findIndex((x) => x.key === key);
      const j = i + by;
      if (i < 0 || j < 0 || j >= list.length) return list;
      const next = [...list];
      [next[i], next[j]] = [next[j] as FileUpload, next[i] as FileUpload];
      return next;
    });
  }, []);

  // Leaving the wizard stops transfers still running (their bytes stay resumable on the server).
  useEffect(() => {
    const all = handles.current;
    return () => {
      for (const h of all.values()) h.pause();
    };
  }, []);

  return { items, add, pause, resume, retry: resume, remove, move };
}
