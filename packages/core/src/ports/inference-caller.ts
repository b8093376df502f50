/**
 * How the control plane calls a service the way the gateway would (the console's playground,
 * `POST /api/v1/services/{serviceId}/playground/chat`): the same revision pick, replica choice,
 * cold-start hold and metering as `/v1`, for a signed-in user instead of an API key. The gateway
 * implements it; the route has already authorized the user on the service's project.
 */
export interface InferenceCall {
  tenantId: string;
  projectId: string;
  serviceId: string;
  /** Pin a revision (the playground's side-by-side); otherwise picked by traffic weight. */
  revisionId?: string | null;
  /** Only chat for now. */
  endpoint: "chat/completions";
  /** OpenAI's request body; `model` is ignored (the service decides). */
  body: Record<string, unknown>;
  /** Aborted when the browser goes away: the upstream generation is cancelled. */
  signal?: AbortSignal;
  /** Who called (usage records of playground calls have no key; audit and logging policy use it). */
  userId: string;
  /** Prod projects: prompts and responses are not logged anywhere. */
  logContent: boolean;
}

export interface InferenceCaller {
  /**
   * The upstream's answer as a fetch Response: JSON, or SSE when `body.stream` is true, with the
   * `x-infera-revision` header. Refusals (no ready replica in time, unknown revision) come back as
   * Responses with OpenAI's error envelope and status, not as throws.
   */
  call(call: InferenceCall): Promise<Response>;
}
