import { workerData } from "piscina";
import type { TokenizerModule } from "./serve-validation.js";
import { validationHandler } from "./serve-validation.js";
import type { TokenizerRecipe } from "./tokenizer-port.js";

/** A validation worker thread under a TypeScript loader (when no bundle could be built): imports the recipe's module. */
const { recipe } = workerData as { recipe?: TokenizerRecipe };
export default validationHandler(recipe ? ((await import(recipe.module)) as TokenizerModule) : undefined);
