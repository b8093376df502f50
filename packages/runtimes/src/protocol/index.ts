export { parseDurationSeconds } from "./durations.js";
export { createEmitter, type Emitter, type RuntimeEventInput } from "./emitter.js";
export { fromHfLogEntry, fromHfTrainerState } from "./hf-trainer.js";
export { fromLlamaFactoryRecord } from "./llama-factory.js";
export { fromMsSwiftRecord } from "./ms-swift.js";
export {
  detectFamily,
  type ParseOptions,
  ProtocolParser,
  parseLine,
  type RecordFamily,
  recordToEvents,
} from "./parser.js";
