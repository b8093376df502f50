import {
  PLAYGROUND_LOG_CONTENT_HEADER,
  PLAYGROUND_REVISION_HEADER,
  PlaygroundChatCompletion,
  PlaygroundChatInput,
} from "@infera/contracts";
import { chatInPlayground } from "@infera/core";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody } from "../../http/define-route.js";
import { serviceParams } from "./params.js";

const route = defineRoute("service.playground", {
  method: "post",
  path: "/services/{serviceId}/playground/chat",
  tags: ["Services"],
  summary: "Chat with a service from the console's playground (JSON, or Server-Sent Events)",
  description:
    "OpenAI's chat parameters (`messages`, `temperature`, `top_p`, `max_tokens`, `presence_penalty`, `frequency_penalty`, `stop`, `seed`, `stream`, `response_format`; `json_schema` is enforced with a grammar on llama.cpp) and `revision_id` to pin one of the service's revisions (another service's answers 404). The service is called through the gateway as `/v1/chat/completions` would be, for the signed-in caller instead of an API key: metered, not audited. With `stream: true` the answer is OpenAI's `chat.completion.chunk` events, passed through as they come, the last one carrying `usage`, then `data: [DONE]`; closing the connection stops the generation. Headers: `x-infera-revision` (the revision that answered) and `x-infera-log-content` (`false` in a Prod project whose env policy `prod_no_playground_logging` is on: the prompt and the answer are logged nowhere). A refusal of the gateway keeps its message with our code: 503 `service_unavailable` (no ready replica in time, or no gateway in this server), 429 with `Retry-After`.",
  request: { params: serviceParams, body: jsonBody(PlaygroundChatInput) },
  responses: {
    200: {
      description: "The answer (JSON), or its chunks (text/event-stream)",
      content: {
        "application/json": { schema: PlaygroundChatCompletion },
        "text/event-stream": { schema: z.string() },
      },
    },
  },
});

export function registerChatInPlayground(app: Api) {
  app.openapi(route, async (c) => {
    const input = c.req.valid("json");
    // The browser leaving (or the server stopping) ends the generation upstream too.
    const signal = AbortSignal.any([c.req.raw.signal, c.get("shuttingDown")]);
    const { response, logContent } = await chatInPlayground({
      ctx: c.get("ctx"),
      serviceId: c.req.valid("param").serviceId,
      input,
      signal,
    });
    const headers: Record<string, string> = {
      "Content-Type":
        response.headers.get("content-type") ??
        (input.stream ? "text/event-stream; charset=utf-8" : "application/json"),
      "Cache-Control": "no-store",
      [PLAYGROUND_LOG_CONTENT_HEADER]: String(logContent),
    };
    const revision = response.headers.get(PLAYGROUND_REVISION_HEADER);
    if (revision) headers[PLAYGROUND_REVISION_HEADER] = revision;
    // Passed through as it comes: a proxy in front must not hold the tokens back either.
    if (input.stream) headers["X-Accel-Buffering"] = "no";
    return c.body(response.body as ReadableStream<Uint8Array>, 200, headers) as never;
  });
}
