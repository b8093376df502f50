/** A run of text on one side of a word diff: `changed` when the other side lacks it. */
export interface DiffSegment {
  text: string;
  changed: boolean;
}

/** Above this many token pairs the LCS table is too big for a page: both sides read as changed. */
const MAX_CELLS = 4_000_000;

/** Words and the white space between them, kept so the segments join back into the text. */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Joins neighbouring tokens of the same kind, so a changed phrase is one highlight. */
function merge(parts: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const [k, p] of parts.entries()) {
    // The space between two changed words belongs to the change.
    if (!/\S/.test(p.text) && parts[k - 1]?.changed && parts[k + 1]?.changed) p.changed = true;
    const last = out[out.length - 1];
    if (last && last.changed === p.changed) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/**
 * A word-level diff of two outputs (longest common subsequence of their words): each side's text in
 * segments, the words the other side does not have marked changed. White space is never marked on
 * its own — a change of spacing alone is not a difference a rater looks for.
 */
export function wordDiff(a: string, b: string): { a: DiffSegment[]; b: DiffSegment[] } {
  const ta = tokens(a);
  const tb = tokens(b);
  const n = ta.length;
  const m = tb.length;
  if (n * m > MAX_CELLS) {
    return { a: [{ text: a, changed: a !== b }], b: [{ text: b, changed: a !== b }] };
  }
  // lcs[i][j]: the longest common subsequence of ta[i..] and tb[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        ta[i] === tb[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const sa: DiffSegment[] = [];
  const sb: DiffSegment[] = [];
  const isSpace = (s: string) => !/\S/.test(s);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const x = ta[i] ?? "";
    const y = tb[j] ?? "";
    if (x === y) {
      sa.push({ text: x, changed: false });
      sb.push({ text: y, changed: false });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      sa.push({ text: x, changed: !isSpace(x) });
      i++;
    } else {
      sb.push({ text: y, changed: !isSpace(y) });
      j++;
    }
  }
  for (; i < n; i++) sa.push({ text: ta[i] ?? "", changed: !isSpace(ta[i] ?? "") });
  for (; j < m; j++) sb.push({ text: tb[j] ?? "", changed: !isSpace(tb[j] ?? "") });
  return { a: merge(sa), b: merge(sb) };
}
