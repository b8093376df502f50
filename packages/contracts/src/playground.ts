import { z } from "zod";
import { idSchema } from "./ids.js";

/**
 * The console's playground (seed 000 §4.3.7 Tab 5): `POST /api/v1/services/{serviceId}/playground/chat`
 * takes OpenAI's chat parameters that both serving runtimes (llama.cpp, openai-compatible) understand,
 * plus `revision_id` to pin a revision (the side-by-side comparison). It answers OpenAI's
 * `chat.completion` as JSON, or its `chat.completion.chunk`s as Server-Sent Events with `stream: true`.
 */
export const PlaygroundRole = z.enum(["system", "user", "assistant"]);
export type PlaygroundRole = z.infer<typeof PlaygroundRole>;

export const PlaygroundMessage = z
  .object({ role: PlaygroundRole, content: z.string().max(200_000, "must be at most 200000 characters") })
  .strict();
export type PlaygroundMessage = z.infer<typeof PlaygroundMessage>;

const StopWord = z.string().min(1).max(100);

/** `json_schema` is enforced with a grammar by the llama.cpp runtime; others pass it to their upstream. */
export const PlaygroundResponseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }).strict(),
  z.object({ type: z.literal("json_object") }).strict(),
  z
    .object({
      type: z.literal("json_schema"),
      json_schema: z
        .object({
          name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ and -, at most 64"),
          schema: z.record(z.string(), z.unknown()),
          strict: z.boolean().optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type PlaygroundResponseFormat = z.infer<typeof PlaygroundResponseFormat>;

export const PlaygroundChatInput = z
  .object({
    messages: z.array(PlaygroundMessage).min(1, "at least one message").max(500),
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().gt(0).max(1).optional(),
    max_tokens: z.number().int().min(1).max(131_072).optional(),
    presence_penalty: z.number().min(-2).max(2).optional(),
    frequency_penalty: z.number().min(-2).max(2).optional(),
    stop: z.union([StopWord, z.array(StopWord).max(4)]).optional(),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Server-Sent Events, one `chat.completion.chunk` each; the last chunk before `[DONE]` carries `usage`. */
    stream: z.boolean().default(false),
    response_format: PlaygroundResponseFormat.optional(),
    /** A revision of this service to call; left out, one is picked by the traffic split. */
    revision_id: idSchema("serviceRevision").optional(),
  })
  .strict();
export type PlaygroundChatInput = z.infer<typeof PlaygroundChatInput>;

export const PlaygroundUsage = z.looseObject({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
});
export type PlaygroundUsage = z.infer<typeof PlaygroundUsage>;

/** OpenAI's `chat.completion`, as far as the console reads it (everything else is kept). */
export const PlaygroundChatCompletion = z.looseObject({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z.array(
    z.looseObject({
      index: z.number().int().optional(),
      message: z.looseObject({ role: z.string(), content: z.string().nullable() }),
      finish_reason: z.string().nullable().optional(),
    }),
  ),
  usage: PlaygroundUsage.nullable().optional(),
});
export type PlaygroundChatCompletion = z.infer<typeof PlaygroundChatCompletion>;

/** OpenAI's `chat.completion.chunk`: a piece of the answer, or (last) the usage with no choices. */
export const PlaygroundChatChunk = z.looseObject({
  id: z.string().optional(),
  choices: z.array(
    z.looseObject({
      index: z.number().int().optional(),
      delta: z.looseObject({ role: z.string().optional(), content: z.string().nullable().optional() }),
      finish_reason: z.string().nullable().optional(),
    }),
  ),
  usage: PlaygroundUsage.nullable().optional(),
});
export type PlaygroundChatChunk = z.infer<typeof PlaygroundChatChunk>;

/**
 * Response headers of the playground route: which revision answered, and whether prompts and
 * responses of this call may be logged (`false` in a Prod project whose env policy
 * `prod_no_playground_logging` is on).
 */
export const PLAYGROUND_REVISION_HEADER = "x-infera-revision";
export const PLAYGROUND_LOG_CONTENT_HEADER = "x-infera-log-content";
