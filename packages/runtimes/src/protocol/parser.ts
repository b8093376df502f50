import { RuntimeEvent } from "@infera/contracts";
import { isRecord } from "./fields.js";
import { fromHfLogEntry, fromHfTrainerState, looksLikeHfLogEntry } from "./hf-trainer.js";
import { fromLlamaFactoryRecord, looksLikeLlamaFactoryRecord } from "./llama-factory.js";
import { fromMsSwiftRecord, looksLikeMsSwiftRecord } from "./ms-swift.js";

export type RecordFamily = "infera" | "hf_trainer_state" | "hf_log_history" | "llama_factory" | "ms_swift";

export interface ParseOptions {
  /** Time stamped on events mapped from records that carry none. */
  now?: () => Date;
  /** Total steps, when known from elsewhere (HF log_history entries do not carry it). */
  totalSteps?: number;
  /** Source label for lines that are not events (e.g. "stderr"). */
  source?: string;
}

export function detectFamily(record: Record<string, unknown>): RecordFamily | undefined {
  if (typeof record.type === "string" && typeof record.time === "string") return "infera";
  if (Array.isArray(record.log_history)) return "hf_trainer_state";
  if (looksLikeLlamaFactoryRecord(record)) return "llama_factory";
  if (looksLikeMsSwiftRecord(record)) return "ms_swift";
  if (looksLikeHfLogEntry(record)) return "hf_log_history";
  return undefined;
}

/** Python's dict repr, as HF and ms-swift print to stdout: `{'loss': 1.2, 'epoch': 0.5}`. */
function parsePythonDict(text: string): unknown {
  if (!text.startsWith("{'")) return undefined;
  const json = text
    .replace(/'/g, '"')
    .replace(/\bTrue\b/g, "true")
    .replace(/\bFalse\b/g, "false")
    .replace(/\bNone\b/g, "null")
    .replace(/\b(nan|inf)\b/g, "null");
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith("{")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = parsePythonDict(text);
  }
  return isRecord(value) ? value : undefined;
}

/** Maps one record of any known family onto protocol events; undefined when the family is unknown. */
export function recordToEvents(
  record: Record<string, unknown>,
  options: ParseOptions = {},
): RuntimeEvent[] | undefined {
  const time = (options.now ?? (() => new Date()))().toISOString();
  switch (detectFamily(record)) {
    case "infera": {
      const parsed = RuntimeEvent.safeParse(record);
      if (parsed.success) return [parsed.data];
      return [
        {
          type: "log",
          time,
          level: "warn",
          message: `invalid ${String(record.type)} event: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
          source: options.source ?? "protocol",
        },
      ];
    }
    case "hf_trainer_state":
      return fromHfTrainerState(record, time);
    case "hf_log_history":
      return fromHfLogEntry(record, { time, totalSteps: options.totalSteps });
    case "llama_factory":
      return fromLlamaFactoryRecord(record, time);
    case "ms_swift":
      return fromMsSwiftRecord(record, time);
    default:
      return undefined;
  }
}

/** One line of a runtime's output. Anything that is not a recognised record becomes a log event. */
export function parseLine(line: string, options: ParseOptions = {}): RuntimeEvent[] {
  const text = line.trim();
  if (text === "") return [];
  const record = parseObject(text);
  const events = record ? recordToEvents(record, options) : undefined;
  if (events) return events;
  const time = (options.now ?? (() => new Date()))().toISOString();
  const level = /\b(error|traceback|exception)\b/i.test(text)
    ? "error"
    : /\bwarn(ing)?\b/i.test(text)
      ? "warn"
      : "info";
  return [{ type: "log", time, level, message: text, source: options.source ?? "stdout" }];
}

/**
 * A streaming parser: feed it chunks of a runtime's stdout (or a trainer_log.jsonl / logging.jsonl
 * being tailed) and it returns events for every complete line. Remembers total_steps across lines
 * so HF log_history entries get progress once the total is known.
 */
export class ProtocolParser {
  private buffer = "";
  private totalSteps: number | undefined;

  constructor(private readonly options: ParseOptions = {}) {
    this.totalSteps = options.totalSteps;
  }

  push(chunk: string): RuntimeEvent[] {
    this.buffer += chunk;
    const lines = this.buffer.split(/\r?\n/);
    this.buffer = lines.pop() ?? "";
    return lines.flatMap((line) => this.line(line));
  }

  end(): RuntimeEvent[] {
    const rest = this.buffer;
    this.buffer = "";
    return this.line(rest);
  }

  private line(line: string): RuntimeEvent[] {
    const events = parseLine(line, { ...this.options, totalSteps: this.totalSteps });
    for (const event of events) {
      if ((event.type === "progress" || event.type === "started") && event.total_steps) {
        this.totalSteps = event.total_steps;
      }
    }
    return events;
  }
}
