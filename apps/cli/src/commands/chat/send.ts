import { Command, InvalidArgumentError } from "commander";
import { connect } from "../../lib/connection.js";
import { withConnection, withProject, withTenant } from "../../lib/options.js";
import { note, printJson } from "../../lib/output.js";
import { resolveService } from "../../lib/service-ref.js";

interface ChatOptions {
  url?: string;
  json?: boolean;
  tenant?: string;
  project?: string;
  system?: string;
  revision?: string;
  maxTokens?: number;
  temperature?: number;
  seed?: number;
}

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("a whole number");
  return n;
};
const num = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InvalidArgumentError("a number");
  return n;
};

/**
 * `infera chat <service> "prompt"`: one turn with a service, the answer streamed to the terminal as
 * it is generated. It goes through the playground route as the signed-in user (no API key needed;
 * the call is metered like the console's playground), the same revision pick as the gateway.
 * Ctrl-C stops the generation on the server.
 */
export function chatCommand(): Command {
  return withProject(withTenant(withConnection(new Command("chat"))))
    .description("send one prompt to a service and stream its answer (as the console's playground does)")
    .argument("<service>", "the service (id or name)")
    .argument("<prompt...>", "what to say (the words are joined with spaces)")
    .option("--system <text>", "a system message before the prompt")
    .option("--revision <id>", "ask this revision (default: by the service's traffic split)")
    .option("--max-tokens <n>", "stop after this many tokens", int)
    .option("--temperature <t>", "sampling temperature, 0–2", num)
    .option("--seed <n>", "sampling seed, for a repeatable answer", int)
    .action(async (serviceRef: string, words: string[], opts: ChatOptions) => {
      const { client, stored } = connect(opts);
      const service = await resolveService(client, serviceRef, opts, stored);
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once("SIGINT", stop);
      try {
        const messages = [
          ...(opts.system ? [{ role: "system" as const, content: opts.system }] : []),
          { role: "user" as const, content: words.join(" ") },
        ];
        const stream = await client.services.playground.chatStream(
          service.id,
          {
            messages,
            ...(opts.revision ? { revision_id: opts.revision } : {}),
            ...(opts.maxTokens !== undefined ? { max_tokens: opts.maxTokens } : {}),
            ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
            ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          },
          { signal: abort.signal },
        );
        let text = "";
        let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
        for await (const { chunk } of stream.chunks) {
          const piece = chunk.choices[0]?.delta?.content ?? "";
          text += piece;
          if (!opts.json && piece) process.stdout.write(piece);
          if (chunk.usage) usage = chunk.usage;
        }
        if (opts.json)
          return printJson({ service: service.name, revision_id: stream.revisionId, content: text, usage });
        process.stdout.write("\n");
        const tokens = usage
          ? `, ${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion tokens`
          : "";
        note(
          `revision ${stream.revisionId ?? "?"}${tokens}${stream.logContent ? "" : " (not logged: Prod)"}`,
        );
      } catch (err) {
        if (abort.signal.aborted) return note("stopped");
        throw err;
      } finally {
        process.off("SIGINT", stop);
      }
    });
}
