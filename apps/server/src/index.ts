export { createApp, openApiDocument } from "./app.js";
export { ConfigError, type InferaConfig, loadConfig } from "./config.js";
export {
  type GatewayProcesses,
  isGatewayProcess,
  reportGatewayProcessReady,
  startGatewayProcesses,
  wantsGatewayProcesses,
} from "./gateway-processes.js";
export { routeRegistry } from "./http/define-route.js";
export {
  BUNDLED_MODEL_DIR,
  type RunningProcess,
  type RunningServer,
  type ServerRole,
  startServer,
} from "./main.js";
