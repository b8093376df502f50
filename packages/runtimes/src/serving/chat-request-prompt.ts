import type { Token } from "node-llama-cpp";
import { BodyError } from "./http-io.js";
import type { ChatCompletionRequest } from "./openai-requests.js";
import { ToolsUnsupportedError } from "./render-tool-chat.js";
import type { ServingEngine } from "./serving-engine.js";

/** A chat request's prompt, and the functions whose calls are parsed out of the answer (none without tools). */
export interface ChatRequestPrompt {
  prompt: Token[];
  functionNames: ReadonlySet<string>;
}

const refuse = (param: string, message: string) =>
  Object.assign(new BodyError(400, "invalid_request", message), { param });

/**
 * Plain chat goes through node-llama-cpp's wrapper of the GGUF template, as before; a request with
 * tools (unless `tool_choice` is `none`, which renders none) or with tool turns is rendered by the
 * template itself (render-tool-chat.ts). `required` and a named function are refused: nothing here
 * would make the model call one.
 */
export function chatRequestPrompt(engine: ServingEngine, body: ChatCompletionRequest): ChatRequestPrompt {
  const choice = body.tool_choice ?? "auto";
  if (choice !== "auto" && choice !== "none")
    throw refuse(
      "tool_choice",
      "tool_choice: infera-serve does not force a tool call; use auto (the model decides) or none",
    );
  const tools = choice === "none" ? [] : (body.tools ?? []);
  const messages = body.messages.map((m) => ({
    ...m,
    role: m.role === "developer" ? ("system" as const) : m.role,
  }));
  const toolTurns = messages.some((m) => m.role === "tool" || (m.tool_calls?.length ?? 0) > 0);
  if (tools.length === 0 && !toolTurns)
    return {
      prompt: engine.chatPrompt(
        messages.map((m) => ({ role: m.role as "system" | "user" | "assistant", content: m.content })),
      ),
      functionNames: new Set(),
    };
  try {
    const prompt = engine.toolChatPrompt(
      messages.map((m) => ({
        role: m.role,
        content: m.content,
        ...(m.tool_calls?.length ? { tool_calls: m.tool_calls } : {}),
        ...(m.tool_call_id ? { tool_call_id: m.tool_call_id } : {}),
      })),
      tools,
    );
    return { prompt, functionNames: new Set(tools.map((t) => t.function.name)) };
  } catch (e) {
    if (e instanceof ToolsUnsupportedError) throw refuse(tools.length ? "tools" : "messages", e.message);
    // The template's own refusal (raise_exception) or a conversation it cannot render.
    throw refuse(
      "messages",
      `the model's chat template could not render this conversation: ${(e as Error).message}`,
    );
  }
}
