import type { RecordResult } from "../validate-record.js";
import { validateRecord } from "../validate-record.js";
import { alpacaPreferenceRecord, alpacaRecord } from "./alpaca.js";
import { openaiPreferenceRecord } from "./openai-preference.js";
import { type DatasetShape, detectShape, SHAPE_FORMAT } from "./shape.js";
import { sharegptPreferenceRecord, sharegptRecord } from "./sharegpt.js";

const TODAY = new Set<DatasetShape>(["chat", "prompt_completion", "text", "preference"]);

/**
 * Checks one record against the dataset's shape and maps it onto the internal form. A record whose
 * keys point to another shape is a `format_mismatch` naming both; today's four shapes keep their
 * own checks and messages (`validateRecord`).
 */
export function validateShapedRecord(value: Record<string, unknown>, shape: DatasetShape): RecordResult {
  const own = detectShape(value);
  if (own !== shape && ((own !== undefined && !TODAY.has(own)) || !TODAY.has(shape))) {
    const looks = own ? `record looks like ${own}` : "record has none of the fields of a known shape";
    return { ok: false, code: "format_mismatch", message: `${looks} but the dataset is ${shape}` };
  }
  switch (shape) {
    case "alpaca":
      return alpacaRecord(value);
    case "alpaca_preference":
      return alpacaPreferenceRecord(value);
    case "sharegpt":
      return sharegptRecord(value);
    case "sharegpt_preference":
      return sharegptPreferenceRecord(value);
    case "openai_preference":
      return openaiPreferenceRecord(value);
    default: {
      const r = validateRecord(value, SHAPE_FORMAT[shape]);
      if (!r.ok || r.record.format !== "chat" || value.tools === undefined) return r;
      // OpenAI chat records may offer `tools`; they travel with the record to the trainer.
      if (!Array.isArray(value.tools))
        return {
          ok: false,
          code: "invalid_record",
          message: "tools must be an array of function definitions",
        };
      return { ok: true, record: { ...r.record, tools: value.tools } };
    }
  }
}
