/**
 * A Store operation that the Kubernetes API has no request for (replacing the whole state,
 * compacting the change log): a RemoteStore refuses it with this error instead of guessing.
 */
export class NotServedError extends Error {
  /** Makes the error with a message that says what to do instead. */
  constructor(message: string) {
    super(message);
    this.name = "NotServedError";
  }
}
