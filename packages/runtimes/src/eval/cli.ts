import { parseArgs } from "node:util";
import { exactMatch, lossOnSplit } from "./evaluate.js";
import { loadEvalModel } from "./load.js";

const USAGE =
  "usage: infera-eval --base DIR --data split.jsonl [--finetuned OUTPUT/final] [--system-prompt TEXT] [--max-new-tokens N] [--limit N] [--no-generate]";

/**
 * `infera-eval`: loss and perplexity of a split with our forward pass, and exact match by
 * generating through llama.cpp from the GGUF. Prints one JSON object on stdout, a summary on stderr.
 */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: "string" },
      finetuned: { type: "string" },
      data: { type: "string" },
      "system-prompt": { type: "string" },
      "max-new-tokens": { type: "string" },
      limit: { type: "string" },
      "no-generate": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help || !values.base || !values.data) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const model = await loadEvalModel({ base: values.base, finetuned: values.finetuned });
  try {
    const loss = lossOnSplit(model, values.data, { systemPrompt: values["system-prompt"] });
    const em = values["no-generate"]
      ? undefined
      : await exactMatch(model, values.data, {
          systemPrompt: values["system-prompt"],
          maxNewTokens: values["max-new-tokens"] ? Number(values["max-new-tokens"]) : undefined,
          limit: values.limit ? Number(values.limit) : undefined,
        });
    const result = {
      model: model.label,
      data: values.data,
      loss: loss.loss,
      perplexity: loss.perplexity,
      tokens: loss.tokens,
      ...(em
        ? { exact_match: em.exactMatch, correct: em.correct, total: em.total, samples: em.samples }
        : {}),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stderr.write(
      `${model.label}: loss ${loss.loss.toFixed(4)}, perplexity ${loss.perplexity.toFixed(2)}` +
        (em
          ? `, exact match ${(100 * em.exactMatch).toFixed(1)}% (${em.correct}/${em.total}) via llama.cpp`
          : "") +
        "\n",
    );
    return 0;
  } finally {
    model.dispose();
  }
}
