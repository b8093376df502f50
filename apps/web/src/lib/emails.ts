/** Splits a batch of addresses on commas, semicolons, spaces and new lines, lower-cased, deduplicated. */
export function parseEmails(text: string): { unique: string[]; duplicates: string[]; invalid: string[] } {
  const seen = new Set<string>();
  const unique: string[] = [];
  const duplicates: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const email = raw.trim().toLowerCase();
    if (!email) continue;
    if (seen.has(email)) {
      duplicates.push(email);
      continue;
    }
    seen.add(email);
    // Lenient like the login form (admin@localhost is valid); the server checks strictly.
    if (/^[^\s@]+@[^\s@]+$/.test(email)) unique.push(email);
    else invalid.push(email);
  }
  return { unique, duplicates, invalid };
}
