/** A held request (long poll, create-with-result) that the runtime's shutdown ended. Answered 503. */
export class ShuttingDown extends Error {
  constructor() {
    super('The local runtime is shutting down');
    this.name = 'ShuttingDown';
  }
}
