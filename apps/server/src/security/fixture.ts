import type { FixtureWorld, Target } from "./world.js";

/** One request a route fixture builds: valid input for the route, in the world it is given. */
export interface FixtureRequest {
  /** The concrete path under /api/v1, e.g. `/projects/proj_…/members`. */
  path: string;
  body?: unknown;
  query?: Record<string, string>;
  /** Request headers the route reads (e.g. tus `Upload-Length`); lower-case names. */
  headers?: Record<string, string>;
  /**
   * Where authorization is decided, when the path does not say it: a `{projectId}` or `{tenantId}`
   * in the route's path is picked up by itself; give this for ids such as `{eventId}`.
   */
  target?: Target;
}

/**
 * How the security, bad-input and audit suites call one route. Keyed `"METHOD /path"` exactly as in
 * `routeRegistry`. `setup` runs once per case, so make fresh resources when the call destroys or
 * changes them.
 */
export interface RouteFixture {
  setup(world: FixtureWorld): Promise<FixtureRequest>;
  /** The status an allowed caller gets. */
  success: number;
  /**
   * Path params that name what the call creates (a PUT of a new tag name): any well-formed value is a
   * valid new name, so the "ids of the wrong format → 404" check leaves them out.
   */
  pathCreates?: string[];
  /** The call ends the caller's own session: the suites use a fresh session for it. */
  endsSession?: boolean;
  /**
   * What the audit suite expects of the one event a write records. Omit for reads; for a write
   * that records nothing, give `false` and say why in a comment.
   */
  audit?:
    | false
    | {
        resourceType: string;
        /** Whether the event carries a before and an after snapshot. */
        before: boolean;
        after: boolean;
        /** The event's action when it differs from the route's action (login is "public"). */
        action?: string;
      };
}

export type RouteFixtures = Record<string, RouteFixture>;
