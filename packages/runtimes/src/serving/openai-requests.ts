import { z } from "zod";

/** OpenAI text content: a string, or an array of text parts (other part types are refused). */
const content = z.union([
  z.string(),
  z
    .array(z.object({ type: z.literal("text"), text: z.string() }))
    .transform((parts) => parts.map((p) => p.text).join("")),
]);

const sampling = {
  max_tokens: z.number().int().min(0).nullish(),
  max_completion_tokens: z.number().int().min(0).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  seed: z.number().int().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  n: z.literal(1).nullish(),
  /** llama-server's extension: generate exactly max_tokens tokens (benchmarks). */
  ignore_eos: z.boolean().nullish(),
  model: z.string().optional(),
  user: z.string().optional(),
  /** json_object and json_schema are enforced with a grammar while sampling. */
  response_format: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("text") }),
      z.object({ type: z.literal("json_object") }),
      z.object({
        type: z.literal("json_schema"),
        json_schema: z.object({
          name: z.string().optional(),
          schema: z.record(z.string(), z.unknown()),
          strict: z.boolean().nullish(),
        }),
      }),
    ])
    .nullish(),
};

/** An assistant turn's earlier call, as OpenAI sends it back (`arguments` a JSON string). */
const toolCall = z.object({
  id: z.string(),
  type: z.literal("function").default("function"),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

/** A function the model may call; rendered into the prompt by the model's chat template. */
const functionTool = z.object({
  type: z.literal("function"),
  function: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "1 to 64 letters, digits, _ or -"),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

export const chatCompletionRequest = z.object({
  ...sampling,
  messages: z
    .array(
      z.object({
        role: z.enum(["system", "developer", "user", "assistant", "tool"]),
        content: content.nullish().transform((c) => c ?? ""),
        name: z.string().optional(),
        tool_calls: z.array(toolCall).optional(),
        tool_call_id: z.string().optional(),
      }),
    )
    .min(1),
  tools: z.array(functionTool).max(128).nullish(),
  /** `required` and a named function are parsed so that they can be refused by name (not enforced here). */
  tool_choice: z
    .union([
      z.enum(["auto", "none", "required"]),
      z.object({ type: z.literal("function"), function: z.object({ name: z.string() }) }),
    ])
    .nullish(),
  /** Accepted: the model may write several calls in a turn; nothing limits it to one. */
  parallel_tool_calls: z.boolean().nullish(),
});

export const completionRequest = z.object({
  ...sampling,
  prompt: z.union([
    z.string(),
    z
      .array(z.string())
      .length(1)
      .transform((p) => p[0]!),
  ]),
});

export const embeddingRequest = z.object({
  input: z.union([z.string(), z.array(z.string()).min(1).max(256)]),
  model: z.string().optional(),
  encoding_format: z.enum(["float"]).optional(),
  user: z.string().optional(),
});

/**
 * Infera's scoring request: chat messages (rendered as for chat, the assistant's turn opened) or a
 * raw prompt, and the continuation whose log-probability is wanted.
 */
export const scoreRequest = z
  .object({
    /** Text turns only: a conversation with tools is scored as chat does not render it here. */
    messages: z
      .array(
        z.object({
          role: z.enum(["system", "developer", "user", "assistant"]),
          content: content.nullish().transform((c) => c ?? ""),
        }),
      )
      .min(1)
      .optional(),
    prompt: z.string().optional(),
    continuation: z.string().min(1),
    /** Also answer each continuation token with its logprob. */
    per_token: z.boolean().optional(),
    model: z.string().optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.messages === undefined) === (b.prompt === undefined))
      ctx.addIssue({ code: "custom", path: ["messages"], message: "give exactly one of messages or prompt" });
  });

export type ScoreRequest = z.infer<typeof scoreRequest>;
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequest>;
export type CompletionRequest = z.infer<typeof completionRequest>;

/** The first problem, as one line a developer can act on: `messages.0.role: Invalid option …`. */
export function describeIssue(error: z.ZodError): { message: string; param: string | null } {
  const issue = error.issues[0]!;
  const param = issue.path.length ? issue.path.join(".") : null;
  return { message: param ? `${param}: ${issue.message}` : issue.message, param };
}
