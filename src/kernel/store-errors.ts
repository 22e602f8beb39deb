/**
 * The store could not be reached (its PostgreSQL server stopped answering, or the connection
 * dropped): nothing of the statement that failed took effect. The Slack wing tells the person to
 * try again; the store reconnects on its next statement.
 */
export class StoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreUnavailable";
  }
}
