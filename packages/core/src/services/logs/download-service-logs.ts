import { Readable } from "node:stream";
import type { ServiceLogLine } from "@infera/contracts";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeService } from "../service-access.js";
import { loadServiceLogs, type ServiceLogFilters } from "./service-log-queries.js";

/** One stored line as a line of the downloaded file: `time level [replica rN] line`. */
export function serviceLogFileLine(l: ServiceLogLine): string {
  return `${l.at} ${l.level.padEnd(5)} [${l.replica_id} r${l.revision_number}] ${l.line}`;
}

/**
 * The service's replica logs matching the filters as a text file (the console's Download,
 * `infera services logs > file`), oldest first, read page by page while it streams.
 */
export async function downloadServiceLogs({
  ctx,
  serviceId,
  filters,
}: {
  ctx: ServiceContext;
  serviceId: string;
  filters: ServiceLogFilters;
}): Promise<{ name: string; stream: Readable }> {
  const { service } = await authorizeService(ctx, "service.log.read", serviceId);
  async function* lines() {
    let after = 0;
    for (;;) {
      const page = await loadServiceLogs(ctx.db, serviceId, filters, { after, limit: 1000 });
      for (const l of page) yield `${serviceLogFileLine(l)}\n`;
      if (page.length < 1000) return;
      after = page.at(-1)!.seq;
    }
  }
  return { name: `${service.name}.log`, stream: Readable.from(lines()) };
}
