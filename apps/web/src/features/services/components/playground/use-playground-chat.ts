import type { PlaygroundChatInput, PlaygroundMessage, PlaygroundUsage } from "@infera/contracts";
import { useCallback, useRef, useState } from "react";
import { api } from "../../../../lib/client";

/** What the parameter panel sets: OpenAI's chat parameters the runtimes support. */
export type PlaygroundParams = Omit<PlaygroundChatInput, "messages" | "revision_id" | "stream"> & {
  stream: boolean;
  systemPrompt: string;
};

export interface PlaygroundTurn {
  role: "user" | "assistant";
  content: string;
  /** An answer's token usage (the stream's last chunk, or the JSON answer's). */
  usage?: PlaygroundUsage | null;
  /** Stopped by the user before its end. */
  stopped?: boolean;
}

export interface PlaygroundChat {
  turns: PlaygroundTurn[];
  /** The answer being streamed, as far as it came; null when none is. */
  partial: string | null;
  busy: boolean;
  error: unknown;
  rawRequest: string | null;
  rawResponse: string | null;
  /** The revision that answered last, as the server said. */
  answeredBy: string | null;
  /** False when the last answer said its content is logged nowhere (a Prod project's policy). */
  logContent: boolean | null;
  send(prompt: string, params: PlaygroundParams): Promise<void>;
  stop(): void;
  clear(): void;
}

function requestOf(
  turns: PlaygroundTurn[],
  prompt: string,
  params: PlaygroundParams,
  revisionId: string | null,
) {
  const { systemPrompt, stream, ...rest } = params;
  const messages: PlaygroundMessage[] = [
    ...(systemPrompt.trim() ? [{ role: "system" as const, content: systemPrompt }] : []),
    ...turns.map(({ role, content }) => ({ role, content })),
    { role: "user", content: prompt },
  ];
  // Parameters left empty are left out: the runtime's defaults apply.
  const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
  return { messages, ...set, ...(revisionId ? { revision_id: revisionId } : {}), stream };
}

/**
 * One conversation of the playground with a service (one column of the side-by-side): it sends the
 * history and the new prompt, renders a streamed answer token by token, keeps the raw request and
 * response, and Stop aborts the request (the server then stops the generation).
 */
export function usePlaygroundChat(serviceId: string, revisionId: string | null): PlaygroundChat {
  const [turns, setTurns] = useState<PlaygroundTurn[]>([]);
  const [partial, setPartial] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rawRequest, setRawRequest] = useState<string | null>(null);
  const [rawResponse, setRawResponse] = useState<string | null>(null);
  const [answeredBy, setAnsweredBy] = useState<string | null>(null);
  const [logContent, setLogContent] = useState<boolean | null>(null);
  const controller = useRef<AbortController | null>(null);
  // Bumped by Clear: an answer still on its way then belongs to a conversation that is gone.
  const generation = useRef(0);

  const send = useCallback(
    async (prompt: string, params: PlaygroundParams) => {
      const body = requestOf(turns, prompt, params, revisionId);
      const { stream, ...input } = body;
      const abort = new AbortController();
      controller.current = abort;
      const gen = generation.current;
      setTurns((ts) => [...ts, { role: "user", content: prompt }]);
      setBusy(true);
      setError(null);
      setRawRequest(JSON.stringify(body, null, 2));
      setRawResponse(null);
      let text = "";
      let usage: PlaygroundUsage | null = null;
      const finish = (stopped: boolean) =>
        gen === generation.current &&
        setTurns((ts) => [
          ...ts,
          { role: "assistant", content: text, usage, ...(stopped ? { stopped } : {}) },
        ]);
      try {
        if (stream) {
          const answer = await api.services.playground.chatStream(serviceId, input, { signal: abort.signal });
          setAnsweredBy(answer.revisionId);
          setLogContent(answer.logContent);
          setPartial("");
          const raw: string[] = [];
          for await (const { chunk, raw: line } of answer.chunks) {
            raw.push(`data: ${line}`);
            setRawResponse(raw.join("\n\n"));
            text += chunk.choices[0]?.delta.content ?? "";
            if (chunk.usage) usage = chunk.usage;
            setPartial(text);
          }
          setRawResponse([...raw, "data: [DONE]"].join("\n\n"));
        } else {
          const reply = await api.services.playground.chat(serviceId, input, { signal: abort.signal });
          setAnsweredBy(reply.revisionId);
          setLogContent(reply.logContent);
          setRawResponse(JSON.stringify(JSON.parse(reply.raw), null, 2));
          text = reply.completion.choices[0]?.message.content ?? "";
          usage = reply.completion.usage ?? null;
        }
        finish(false);
      } catch (e) {
        if (abort.signal.aborted) finish(true);
        else if (gen === generation.current) setError(e);
      } finally {
        setPartial(null);
        setBusy(false);
        if (controller.current === abort) controller.current = null;
      }
    },
    [serviceId, revisionId, turns],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  const clear = useCallback(() => {
    generation.current += 1;
    controller.current?.abort();
    setTurns([]);
    setError(null);
    setRawRequest(null);
    setRawResponse(null);
    setAnsweredBy(null);
  }, []);

  return { turns, partial, busy, error, rawRequest, rawResponse, answeredBy, logContent, send, stop, clear };
}
