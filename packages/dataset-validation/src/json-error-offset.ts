/**
 * Offset (in UTF-16 units) where `text` stops being valid JSON: Node 20's JSON.parse names the bad
 * token but not always its position. Only called on text JSON.parse rejected; iterative, so deep
 * nesting cannot overflow the stack.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) return false;
    return true;
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i++;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const number = (): boolean => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "-") return false;
    i += m[0].length;
    return true;
  };
  // Stack of open containers: "{" expects a key next, "}" a comma or close, "[" a value, "]" a comma or close.
  const stack: string[] = [];
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      const c = text[i];
      if (c === "{") {
        i++;
        ws();
        if (text[i] === "}") {
          i++;
          expectValue = false;
          continue;
        }
        stack.push("{");
        if (text[i] !== '"' || !string()) return i;
        ws();
        if (text[i] !== ":") return i;
        i++;
        continue;
      }
      if (c === "[") {
        i++;
        ws();
        if (text[i] === "]") {
          i++;
          expectValue = false;
          continue;
        }
        stack.push("[");
        continue;
      }
      const ok =
        c === '"'
          ? string()
          : c === "t"
            ? literal("true")
            : c === "f"
              ? literal("false")
              : c === "n"
                ? literal("null")
                : number();
      if (!ok) return i;
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < n ? i : -1;
    const c = text[i];
    if (c === ",") {
      i++;
      if (top === "{") {
        ws();
        if (text[i] !== '"' || !string()) return i;
        ws();
        if (text[i] !== ":") return i;
        i++;
      }
      expectValue = true;
      continue;
    }
    if ((top === "{" && c === "}") || (top === "[" && c === "]")) {
      i++;
      stack.pop();
      continue;
    }
    return i;
  }
}
