import { authenticate } from "./authenticate.js";
import type { V1Context } from "./handle-inference.js";
import { openAiErrorResponse } from "./openai-error.js";

/**
 * `GET /v1/models`: the services of the key's project that have a revision carrying traffic, in
 * OpenAI's list shape (`id` is the name to call it by). Not metered: it reaches no model.
 */
export async function listModels(v1: V1Context, request: Request): Promise<Response> {
  const auth = await authenticate(v1.verifier, request.headers.get("authorization") ?? undefined);
  if (!auth.ok) return openAiErrorResponse(auth.error);
  const { projectId, tenantId } = auth.caller;
  const snapshot = await v1.deps.routing.get();
  const data = snapshot.services
    .filter(
      (s) =>
        s.projectId === projectId &&
        s.tenantId === tenantId &&
        s.desiredState === "active" &&
        s.revisions.some((r) => r.trafficPercent > 0),
    )
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => ({
      id: s.name,
      object: "model",
      created: Math.floor(s.createdAt.getTime() / 1000),
      owned_by: projectId,
    }));
  return Response.json({ object: "list", data });
}
