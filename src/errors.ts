// Errors a user can cause carry a message meant for them (in Chinese) and suggestions; anything
// else is a bug: logged with a request id, answered with a generic apology.

export class UserError extends Error {
  constructor(message: string, public readonly suggestions: string[] = [], public readonly code = 'user-error') {
    super(message);
    this.name = 'UserError';
  }
}
