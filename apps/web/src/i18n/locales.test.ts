import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enUS } from "./locales/en-US";
import { zhCN } from "./locales/zh-CN";

function flatten(obj: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v as object, key)) out.set(kk, vv);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "i18n" || name === "test" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const zh = flatten(zhCN);
const en = flatten(enUS);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("locales", () => {
  it("zh-CN and en-US have exactly the same keys", () => {
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it("no message is empty and both languages use the same placeholders", () => {
    for (const [key, value] of zh) {
      expect(value.trim(), `zh-CN ${key}`).not.toBe("");
      expect(en.get(key)?.trim(), `en-US ${key}`).not.toBe("");
      expect(placeholders(en.get(key) ?? ""), key).toEqual(placeholders(value));
    }
  });

  it("every literal key the source passes to t() or names as a label exists in both languages", () => {
    const root = join(import.meta.dirname, "..");
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z0-9_.-]+)"/g)) used.add(m[1] ?? "");
      for (const m of text.matchAll(/(?:label|crumb):\s*"((?:nav|status)\.[a-zA-Z0-9_.-]+)"/g))
        used.add(m[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !zh.has(k) || !en.has(k));
    expect(missing).toEqual([]);
  });
});
