import { workerData } from "node:worker_threads";
import type { TokenizerRecipe } from "../../ports/tokenizer.js";
import { serveValidation, type TokenizerModule } from "./serve-validation.js";

/** A validation worker thread under a TypeScript loader (when no bundle could be built): imports the recipe's module. */
const { recipe } = workerData as { recipe?: TokenizerRecipe };
serveValidation(recipe ? ((await import(recipe.module)) as TokenizerModule) : undefined);
