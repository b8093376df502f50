import { workerData } from "node:worker_threads";
import { serveValidation, type TokenizerModule } from "./serve-validation.js";
import type { TokenizerRecipe } from "./tokenizer-port.js";

/** A validation worker thread under a TypeScript loader (when no bundle could be built): imports the recipe's module. */
const { recipe } = workerData as { recipe?: TokenizerRecipe };
serveValidation(recipe ? ((await import(recipe.module)) as TokenizerModule) : undefined);
