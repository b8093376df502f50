import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderDocs } from "./render-docs.js";

// `npm run docs`: regenerates the reference documents from the code.
const root = join(import.meta.dirname, "..", "..", "..", "..");
for (const [path, content] of Object.entries(renderDocs())) {
  writeFileSync(join(root, path), content);
  console.log(`wrote ${path}`);
}
