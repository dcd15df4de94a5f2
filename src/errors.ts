// Errors a user can cause carry a message meant for them (in Chinese) and suggestions; anything
// else is a bug: logged with a request id, answered with a generic apology.

export class UserError extends Error {
  /**
   * `choices`: the question could mean each of these departments (`matched` is the phrase that named
   * them): the answer offers one button per department, re-asking with its full name.
   */
  constructor(message: string, public readonly suggestions: string[] = [], public readonly code = 'user-error', public readonly choices?: { matched: string; names: string[] }) {
    super(message);
    this.name = 'UserError';
  }
}
