export { cpuLlama, type GenerateOptions, llamaGreedy, loadGgufModel } from "./engine.js";
