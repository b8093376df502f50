const storageKey = "infera.csrf";

let token: string | null = null;

/** The CSRF token lives in memory and in sessionStorage, so a reload in the same tab keeps it. */
export function getCsrfToken(): string | null {
  if (token) return token;
  try {
    token = sessionStorage.getItem(storageKey);
  } catch {
    token = null;
  }
  return token;
}

export function setCsrfToken(value: string | null): void {
  token = value;
  try {
    if (value) sessionStorage.setItem(storageKey, value);
    else sessionStorage.removeItem(storageKey);
  } catch {
    // sessionStorage may be unavailable (private mode); memory still holds the token.
  }
}
