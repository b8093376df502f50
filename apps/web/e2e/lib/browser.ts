import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";

export const chromiumPath = process.env.INFERA_CHROMIUM ?? "/usr/bin/chromium";

// Debian's Chromium as root on a closed network: no sandbox, and none of its background calls home.
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-quic",
  "--disable-sync",
];

/**
 * How long a test waits for a state (a row, a dialog, a finished upload) before calling it missing.
 * Tests wait for states, never for fixed times; this bound only has to be long enough for a loaded
 * 2-core machine, where validating a file or starting a page can take tens of seconds.
 */
export const STATE_TIMEOUT = 60_000;

export interface Browser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** A fresh Chromium with its own empty profile (--user-data-dir), removed on close. */
export async function openBrowser(opts: { locale: string; baseURL: string }): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), "infera-e2e-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      locale: opts.locale,
      baseURL: opts.baseURL,
      viewport: { width: 1440, height: 900 },
      // As a person who asked for less motion: the console then opens dialogs without zooming them
      // (providers.tsx), so no click lands on a button still on its way in.
      reducedMotion: "reduce",
      timeout: 60_000,
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
  context.setDefaultTimeout(STATE_TIMEOUT);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits for a dialog to be open and done opening. Playwright clicks once a button has held still
 * for two frames, and a dialog in antd's "appear-prepare" phase holds still at its starting scale:
 * the click's point was taken there and the pointer landed elsewhere once the zoom began, so the
 * review dialog never got its "Apply changes" (CI, stop 26). Its own class names say the phase.
 */
export async function dialogAtRest(dialog: Locator): Promise<Locator> {
  await dialog
    .locator("xpath=self::*[not(contains(@class, '-appear')) and not(contains(@class, '-enter'))]")
    .waitFor();
  return dialog;
}
