export * from "./data/index.js";
export * from "./eval/index.js";
export * from "./formats/index.js";
export * from "./llamacpp/index.js";
export * from "./model/index.js";
export * from "./protocol/index.js";
export * from "./tokenizer/index.js";
export * from "./trainer/index.js";
