export { createApp, openApiDocument } from "./app.js";
export { ConfigError, type InferaConfig, loadConfig } from "./config.js";
export { routeRegistry } from "./http/define-route.js";
export { type RunningProcess, type RunningServer, type ServerRole, startServer } from "./main.js";
