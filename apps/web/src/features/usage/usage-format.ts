/** How the usage page writes its figures, in the page's language. */
export function usageFormats(language: string, currency: string) {
  let money: Intl.NumberFormat;
  try {
    // Estimates of single calls are fractions of a cent: up to four decimals.
    money = new Intl.NumberFormat(language, {
      style: "currency",
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    });
  } catch {
    // A code Intl does not know is still shown, after the number.
    const plain = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 4 });
    money = { format: (v: number) => `${plain.format(v)} ${currency}` } as Intl.NumberFormat;
  }
  const count = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 2 });
  return {
    cost: (v: number) => money.format(v),
    count: (v: number) => count.format(v),
    ms: (v: number | null) => (v === null ? "—" : `${count.format(Math.round(v))} ms`),
    rate: (v: number | null) => (v === null ? "—" : percent.format(v)),
  };
}
export type UsageFormats = ReturnType<typeof usageFormats>;
