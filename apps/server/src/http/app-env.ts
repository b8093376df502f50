import type { LoginThrottle, ServiceContext } from "@infera/core";
import type { Logger } from "pino";

/** What middleware puts on every request for the handlers. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    ctx: ServiceContext;
    csrfToken: string | null;
    authVia: "cookie" | "bearer" | "none";
    throttle: LoginThrottle;
    /** Aborted when the server begins to shut down: long-lived answers (event streams) end then. */
    shuttingDown: AbortSignal;
  };
}
