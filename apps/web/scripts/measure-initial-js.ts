/**
 * The JavaScript a cold load of a page fetches before it can render, gzipped: the entry of
 * dist/index.html, the page's lazy chunks (layouts and the page itself), every chunk they import
 * statically, and the active language's core dictionary (the features' namespaces come with their
 * pages; plus, for Chinese, Ant Design's and dayjs's
 * Chinese strings). Chunks loaded on demand (dialogs, drawers, search) are not counted.
 * Reads dist/.vite/manifest.json (build.manifest: true). Run after `npm run build:web`:
 *   npx tsx apps/web/scripts/measure-initial-js.ts [--page login|projects] [--budget 300]
 * kB are 1000 bytes, as Vite prints them; exits 1 when a language is over the budget.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
/** The lazy modules each page's first render waits for (see src/app/routes.tsx). */
const pages: Record<string, string[]> = {
  login: ["src/features/auth/pages/login-page.tsx"],
  projects: [
    "src/shell/console-layout.tsx",
    "src/shell/app-shell.tsx",
    "src/features/tenant/pages/projects-page.tsx",
  ],
};
const pageArg = process.argv.indexOf("--page");
const pageName = pageArg > 0 ? (process.argv[pageArg + 1] ?? "") : "login";
const routeModules = pages[pageName];
if (!routeModules) throw new Error(`unknown page ${pageName}: one of ${Object.keys(pages).join(", ")}`);
const perLanguage: Record<string, string[]> = {
  "en-US": ["src/i18n/locales/core.en-US.ts"],
  "zh-CN": ["src/i18n/locales/core.zh-CN.ts", "antd/es/locale/zh_CN.js", "dayjs/locale/zh-cn.js"],
};
const budgetArg = process.argv.indexOf("--budget");
const budgetKb = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 300;

const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8")) as Manifest;
const html = readFileSync(join(dist, "index.html"), "utf8");

const entryFile = /<script[^>]+type="module"[^>]+src="\/?([^"]+)"/.exec(html)?.[1];
const entryKey = Object.keys(manifest).find((k) => manifest[k]?.file === entryFile);
if (!entryKey)
  throw new Error(`no manifest chunk for the entry script ${entryFile ?? "(none in index.html)"}`);

/** The manifest key of a source module; dependencies are keyed by their node_modules path. */
function keyOf(module: string): string {
  const key = Object.keys(manifest).find((k) => k === module || k.endsWith(`node_modules/${module}`));
  if (!key) throw new Error(`no manifest chunk for ${module}`);
  return key;
}

/** A chunk and everything it imports statically (what the browser must fetch before running it). */
function staticClosure(key: string, into: Set<string>): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(dep, into);
  return into;
}

const sizes = new Map<string, { raw: number; gzip: number }>();
function size(file: string) {
  let s = sizes.get(file);
  if (!s) {
    const bytes = readFileSync(join(dist, file));
    s = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizes.set(file, s);
  }
  return s;
}
const kb = (n: number) => (n / 1000).toFixed(1).padStart(7);
const line = (file: string) => {
  const s = size(file);
  return `${kb(s.gzip)} kB gz ${kb(s.raw)} kB raw  ${file}`;
};
const files = (keys: Iterable<string>) => [
  ...new Set([...keys].map((k) => (manifest[k] as ManifestChunk).file)),
];
const sum = (list: string[]) => list.reduce((s, f) => s + size(f).gzip, 0);

const shared = files(
  routeModules.reduce((set, m) => staticClosure(keyOf(m), set), staticClosure(entryKey, new Set<string>())),
);
console.log(
  `Initial JavaScript for the ${pageName} page: entry ${entryFile} + ${routeModules.join(" + ")} and their static imports`,
);
for (const f of shared.sort((a, b) => size(b).gzip - size(a).gzip)) console.log(line(f));
console.log(`${kb(sum(shared))} kB gz  shared, ${shared.length} chunks`);

let worst = 0;
for (const [lang, modules] of Object.entries(perLanguage)) {
  const extra = files(modules.reduce((set, m) => staticClosure(keyOf(m), set), new Set<string>())).filter(
    (f) => !shared.includes(f),
  );
  const total = sum(shared) + sum(extra);
  worst = Math.max(worst, total);
  console.log(`\n${lang}: + ${extra.length} chunk(s) fetched before the first render`);
  for (const f of extra) console.log(line(f));
  console.log(`${kb(total)} kB gz  total for the ${pageName} page in ${lang} (budget ${budgetKb} kB)`);
}
const css = [...new Set(Object.values(manifest).flatMap((c) => c.css ?? []))];
if (css.length)
  console.log(`\nCSS (not counted): ${css.map((f) => `${f} ${kb(size(f).gzip).trim()} kB gz`).join(", ")}`);
if (worst / 1000 > budgetKb) process.exitCode = 1;
