export { createApp, openApiDocument } from "./app.js";
export { ConfigError, type InferaConfig, loadConfig } from "./config.js";
export { routeRegistry } from "./http/define-route.js";
export { type RunningServer, startServer } from "./main.js";
