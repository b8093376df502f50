import type {
  AuditAnchoring,
  BlobStore,
  ChangeFeed,
  DatasetTokenizers,
  JobQueue,
  SecretSealer,
  ServicePorts,
  UploadService,
} from "@infera/core";

/** A port a test does not exercise: touching any of it fails loudly with the port's name. */
function unwired<T>(name: string): T {
  return new Proxy(
    {},
    {
      get(_, prop) {
        // Awaiting or logging the object must not count as using the port.
        if (prop === "then" || typeof prop === "symbol") return undefined;
        throw new Error(`the ${name} port is not wired in this test context (it read .${prop})`);
      },
    },
  ) as T;
}

/**
 * The ports of a core test that builds its own ServiceContext and uses none of them (no blob
 * store, uploads, tokenizers, anchoring or queue); server tests get real ones from startServer instead.
 */
export function unwiredPorts(): ServicePorts {
  return {
    blobs: unwired<BlobStore>("blobs"),
    uploads: unwired<UploadService>("uploads"),
    tokenizers: unwired<DatasetTokenizers>("tokenizers"),
    auditAnchoring: unwired<AuditAnchoring>("auditAnchoring"),
    queue: unwired<JobQueue>("queue"),
    changes: unwired<ChangeFeed>("changes"),
    secrets: unwired<SecretSealer>("secrets"),
  };
}
