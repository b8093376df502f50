export { DataOrder, type Example, type MicroBatch, makeMicroBatch } from "./batches.js";
export { type EncodedDataset, encodeDataset, type TrainingTokenizer } from "./encode.js";
export { type DataRecord, readDataset } from "./records.js";
