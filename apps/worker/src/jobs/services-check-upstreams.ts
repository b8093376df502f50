import {
  checkUpstreamRevisions,
  type ScheduleSpec,
  type UpstreamHealth,
  type UpstreamProbeInput,
} from "@infera/core";
import { probeOpenAiCompatible } from "@infera/runtimes/serving";
import type { JobHandler } from "../job-handler.js";

export interface UpstreamCheckOptions {
  /** Off (INFERA_UPSTREAM_CHECK_SECONDS=0): an item asked for by a deploy does nothing. */
  enabled: boolean;
  /** Failed checks in a row after which the revision fails with the upstream's error. */
  maxFailures: number;
  timeoutMs: number;
  /** `GET {base_url}/v1/models` (probeOpenAiCompatible); tests may pass their own. */
  probe?: (input: UpstreamProbeInput) => Promise<UpstreamHealth>;
}

/**
 * `services.check_upstreams`: one round of health checks of the openai-compatible revisions (no
 * process of ours: the upstream's `/v1/models` is their health), on any worker (decision 0025).
 */
export function servicesCheckUpstreams(opts: UpstreamCheckOptions): JobHandler {
  return async ({ ctx, log }) => {
    if (!opts.enabled) return;
    const results = await checkUpstreamRevisions({
      ctx,
      probe: opts.probe ?? probeOpenAiCompatible,
      maxFailures: opts.maxFailures,
      timeoutMs: opts.timeoutMs,
    });
    for (const r of results.filter((x) => !x.ok))
      log.warn({ revision: r.revisionId, error: r.error, state: r.state }, "upstream check failed");
  };
}

/** Every few seconds (INFERA_UPSTREAM_CHECK_SECONDS, 5); a deploy, start or traffic edit also asks for one. */
export function servicesCheckUpstreamsEvery(intervalSeconds: number): ScheduleSpec {
  return {
    name: "services.check_upstreams",
    kind: "services.check_upstreams",
    payload: {},
    intervalSeconds,
    dueNow: true,
  };
}
