import type { ErrorCode } from "@infera/contracts";

/**
 * An error the CLI itself detects (bad flags, a missing login, an answer it cannot use); it exits
 * with the status of its code, like an error answered by the server.
 */
export class CliError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** An outcome of its own (a revision that failed while `--wait`ed on) instead of its code's status. */
  readonly exitCode: number | undefined;
  constructor(code: ErrorCode, message: string, details?: unknown, exitCode?: number) {
    super(message);
    this.code = code;
    this.details = details;
    this.exitCode = exitCode;
  }
}

export const usageError = (message: string) => new CliError("validation_error", message);
