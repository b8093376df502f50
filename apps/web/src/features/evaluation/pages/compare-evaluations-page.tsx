/** Placeholder: replaced by the page itself. */
export function CompareEvaluationsPage() {
  return null;
}
