/**
 * The structured logger a use case writes to (Powertools' Logger in the functions).
 *
 * Why a port: use cases report security events and failed background steps without knowing which
 * logging library the process runs, and tests can hold the lines they expect.
 */
export interface Logger {
  /** An informational line with structured fields. */
  info(message: string, ...extra: Record<string, unknown>[]): void;
  /** A warning: something waits or was skipped and will be retried. */
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  /** An error a person must look at (a failed step, a security event). */
  error(message: string, ...extra: Record<string, unknown>[]): void;
}
