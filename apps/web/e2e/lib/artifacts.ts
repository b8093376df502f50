import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

export const artifactsDir = fileURLToPath(new URL("../../../../test-results/e2e", import.meta.url));

/** Numbered full-page screenshots per language, kept under test-results/e2e/<lang>/. */
export function screenshotter(lang: string) {
  const dir = join(artifactsDir, lang);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, step: string): Promise<string> => {
    n += 1;
    const path = join(dir, `${String(n).padStart(2, "0")}-${step}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
}
