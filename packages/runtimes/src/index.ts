export * from "./formats/index.js";
export * from "./llamacpp/index.js";
export * from "./model/index.js";
export * from "./tokenizer/index.js";
