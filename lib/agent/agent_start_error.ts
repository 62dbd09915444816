/**
 * An agent that cannot run on this machine as configured (a pod range outside 127.0.0.0/8, no
 * pod range given by the server): a user's mistake, which the CLI prints as one line.
 */
export class AgentStartError extends Error {
  /** Says what is wrong and what to do. */
  constructor(message: string) {
    super(message);
    this.name = "AgentStartError";
  }
}
