import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

// Evaluated through the DevTools protocol rather than added as a <script>: the console's
// Content-Security-Policy (script-src 'self') refuses inline scripts, and rightly so.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core on the page; returns the serious and critical violations as readable lines. A
 * violation found must hold on a second look after the page settles again: a toast whose 6-second life
 * ended while axe ran was read mid-fade as a low-contrast link (CI, stop 22), while a real defect is
 * there both times.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const first = await axeViolations(page);
  if (!first.length) return first;
  await page.waitForTimeout(1_000);
  await settled(page);
  return axeViolations(page);
}

async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, { resultTypes: ["violations"] })) as { violations: unknown[] };
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 6)
          .map((n) => JSON.stringify(n.target))
          .join(", ")}${v.nodes.length > 6 ? ` and ${v.nodes.length - 6} more` : ""}`,
    );
}

/**
 * Waits until the page is still enough to judge: network idle, no animation running, and no
 * element in one of antd's motion phases. A toast or dialog in its "appear/enter prepare" phase is
 * at opacity 0 with no animation running yet, so waiting on animations alone let axe read a
 * half-transparent link once (CI, stop 19); the motion classes close that gap.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page
    .waitForFunction(
      () =>
        document.getAnimations().every((a) => a.playState !== "running") &&
        !document.querySelector('[class*="-appear"], [class*="-enter"], [class*="-leave"]'),
      null,
      { timeout: 5_000 },
    )
    .catch(() => {});
}
