import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { featureAreas } from "./feature-areas";
import { type FeatureNamespace, featureMessages } from "./feature-messages";
import { coreEnUS } from "./locales/core.en-US";
import { coreZhCN } from "./locales/core.zh-CN";
import { enUS } from "./locales/en-US";
import { zhCN } from "./locales/zh-CN";

const src = join(import.meta.dirname, "..");
const namespaces = Object.keys(featureMessages) as FeatureNamespace[];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "i18n" || name === "test" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The feature namespaces a file names in a key (`"evaluationPage.title"`, `` `usagePage.${x}` ``). */
function namespacesIn(file: string): FeatureNamespace[] {
  const text = readFileSync(file, "utf8");
  return namespaces.filter((ns) => new RegExp(`["'\`]${ns}\\.`).test(text));
}

describe("feature messages", () => {
  it("the core plus the feature files are the whole dictionary, in both languages", async () => {
    for (const [lang, whole, core] of [
      ["zh-CN", zhCN, coreZhCN],
      ["en-US", enUS, coreEnUS],
    ] as const) {
      const rebuilt: Record<string, unknown> = { ...core };
      for (const ns of namespaces) rebuilt[ns] = await featureMessages[ns][lang]();
      expect(rebuilt, lang).toEqual(whole);
    }
  });

  it("a page uses only the namespaces its route fetches; the core uses none", () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(src)) {
      const path = relative(src, file);
      const area = /^features\/([^/]+)\//.exec(path)?.[1];
      // components/training-metrics is shown by the fine-tuning and models pages only.
      const allowed: readonly string[] = path.startsWith("components/training-metrics/")
        ? ["fineTuningPage"]
        : area && area in featureAreas
          ? featureAreas[area as keyof typeof featureAreas]
          : [];
      for (const ns of namespacesIn(file)) if (!allowed.includes(ns)) wrong.push(`${path}: ${ns}`);
    }
    expect(wrong).toEqual([]);
  });
});
