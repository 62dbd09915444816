/** A user mistake: printed as `error: <message>`, exit 1. */
export class UsageError extends Error {
  /** Makes a usage error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
