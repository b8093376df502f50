import { isTrainedTurn, messageText } from "./message-text.js";
import type { TokenizedSequence, TokenizerChatMessage, TokenizerPort } from "./tokenizer-port.js";
import type { DatasetRecord } from "./types.js";

/** Tokens of one row: prompt (context), completion (learned) and their sum, the sequence length. */
export interface RowTokens {
  prompt: number;
  completion: number;
  total: number;
}

const count = (tok: TokenizerPort, text: string) => (tok.count ? tok.count(text) : tok.encode(text).length);

function fromSequence(seq: TokenizedSequence): RowTokens {
  let completion = 0;
  for (const m of seq.completionMask) completion += m;
  return { prompt: seq.ids.length - completion, completion, total: seq.ids.length };
}

function chat(
  tok: TokenizerPort,
  messages: readonly TokenizerChatMessage[],
  tools?: readonly unknown[],
): RowTokens {
  if (tok.countChat) {
    const { prompt, completion } = tok.countChat(messages, tools);
    return { prompt, completion, total: prompt + completion };
  }
  if (tok.renderChat) return fromSequence(tok.renderChat(messages, tools));
  let prompt = 0;
  let completion = 0;
  for (const m of messages) {
    const n = count(tok, messageText(m));
    if (isTrainedTurn(m)) completion += n;
    else prompt += n;
  }
  return { prompt, completion, total: prompt + completion };
}

function promptCompletion(tok: TokenizerPort, prompt: string, completion: string): RowTokens {
  if (tok.renderPromptCompletion) return fromSequence(tok.renderPromptCompletion(prompt, completion));
  const p = count(tok, prompt);
  const c = count(tok, completion);
  return { prompt: p, completion: c, total: p + c };
}

/**
 * Counts a validated row with the tokenizer. Text rows are all completion (every token is learned).
 * A preference row yields two sequences, prompt + chosen and prompt + rejected; the row counts the
 * longer one, the sequence a max length has to hold.
 */
export function countRecordTokens(tok: TokenizerPort, record: DatasetRecord): RowTokens {
  switch (record.format) {
    case "chat":
      return chat(tok, record.messages, record.tools);
    case "prompt_completion":
      return promptCompletion(tok, record.prompt, record.completion);
    case "text": {
      const n = count(tok, record.text);
      return { prompt: 0, completion: n, total: n };
    }
    case "preference": {
      const side = (answer: string | TokenizerChatMessage[]): RowTokens => {
        if (typeof answer === "string" && !Array.isArray(record.prompt))
          return promptCompletion(tok, record.prompt ?? "", answer);
        const prompt: TokenizerChatMessage[] =
          record.prompt === undefined
            ? []
            : typeof record.prompt === "string"
              ? [{ role: "user", content: record.prompt }]
              : record.prompt;
        const reply: TokenizerChatMessage[] =
          typeof answer === "string" ? [{ role: "assistant", content: answer }] : answer;
        return chat(tok, [...prompt, ...reply]);
      };
      const chosen = side(record.chosen);
      const rejected = side(record.rejected);
      return rejected.total > chosen.total ? rejected : chosen;
    }
  }
}
