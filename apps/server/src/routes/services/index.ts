import type { Api } from "../../http/api.js";
import { registerChatInPlayground } from "./chat-in-playground.js";
import { registerCreateService } from "./create-service.js";
import { registerDeleteService } from "./delete-service.js";
import { registerDeployRevision } from "./deploy-revision.js";
import { registerGetService } from "./get-service.js";
import { registerGetServiceGatewayMetrics } from "./get-service-gateway-metrics.js";
import { registerGetServiceLogs } from "./get-service-logs.js";
import { registerGetServiceMetrics } from "./get-service-metrics.js";
import { registerGetServiceRevision } from "./get-service-revision.js";
import { registerListServiceEvents } from "./list-service-events.js";
import { registerListServiceRevisions } from "./list-service-revisions.js";
import { registerListServices } from "./list-services.js";
import { registerRollbackService } from "./rollback-service.js";
import { registerSetServiceTraffic } from "./set-service-traffic.js";
import { registerStartService } from "./start-service.js";
import { registerStopService } from "./stop-service.js";
import { registerUpdateService } from "./update-service.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerServiceRoutes(app: Api) {
  registerListServices(app);
  registerCreateService(app);
  registerGetService(app);
  registerUpdateService(app);
  registerDeleteService(app);
  registerListServiceRevisions(app);
  registerDeployRevision(app);
  registerSetServiceTraffic(app);
  registerRollbackService(app);
  registerStartService(app);
  registerStopService(app);
  registerListServiceEvents(app);
  registerGetServiceMetrics(app);
  registerGetServiceGatewayMetrics(app);

  registerGetServiceLogs(app);
  registerChatInPlayground(app);
  registerGetServiceRevision(app);
}
