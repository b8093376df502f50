import type { Dependant, ErrorCode } from "@infera/contracts";

/** A failure the caller can act on; transports map `code` to their own status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} not found`);
export const forbidden = (reason: string) => new DomainError("forbidden", reason);
export const conflict = (message: string, details?: unknown) => new DomainError("conflict", message, details);
export const invalid = (message: string, details?: unknown) =>
  new DomainError("validation_error", message, details);
export const resourceInUse = (message: string, dependants: Dependant[]) =>
  new DomainError("resource_in_use", message, { dependants });
