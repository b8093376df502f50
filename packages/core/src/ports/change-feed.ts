/**
 * How a process learns that another committed something it follows (a new notification for a bell,
 * an event of a job): PostgreSQL's LISTEN/NOTIFY on either engine, built in an app's main.ts from the
 * database handle. Delivery is best effort (a dropped connection loses what was sent meanwhile), so a
 * follower treats a call as "look now" and still re-reads on a slow timer.
 */
export interface ChangeFeed {
  /**
   * Calls `onNotify` with the payload of every notification on `channel` (lower-case letters, digits
   * and `_`) until the returned function is called.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}
