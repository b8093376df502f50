/** Placeholder: replaced by the page itself. */
export function NewEvaluationPage() {
  return null;
}
