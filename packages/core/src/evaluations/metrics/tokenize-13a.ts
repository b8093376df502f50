/**
 * sacreBLEU's default `13a` tokenizer (mteval-v13a.pl as WMT uses it), ported rule for rule from
 * sacrebleu/tokenizers/tokenizer_13a.py and tokenizer_re.py so BLEU here equals sacreBLEU's.
 */

// The language-dependent rules of TokenizerRegexp, in its order. The first class is the same
// ranges as Python's `[\{-\~\[-\` -\&\(-\+\:-\@\/]`: { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/([{-~[-` -&(-+:-@/])/g, " $1 "],
  // Period and comma, unless preceded by a digit.
  [/([^0-9])([.,])/g, "$1 $2 "],
  // Period and comma, unless followed by a digit.
  [/([.,])([^0-9])/g, " $1 $2"],
  // Dash when preceded by a digit.
  [/([0-9])(-)/g, "$1 $2 "],
];

export function tokenize13a(input: string): string {
  let line = input.replaceAll("<skipped>", "").replaceAll("-\n", "").replaceAll("\n", " ");
  if (line.includes("&"))
    line = line
      .replaceAll("&quot;", '"')
      .replaceAll("&amp;", "&")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">");
  line = ` ${line} `;
  for (const [re, replacement] of RULES) line = line.replace(re, replacement);
  return splitWhitespace(line).join(" ");
}

/** Python's `str.split()`: split on runs of white space, no empty pieces. */
export function splitWhitespace(s: string): string[] {
  return s.split(/\s+/u).filter((t) => t.length > 0);
}
