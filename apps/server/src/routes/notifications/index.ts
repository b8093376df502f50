import type { Api } from "../../http/api.js";
import { registerCountUnreadNotifications } from "./count-unread-notifications.js";
import { registerListNotifications } from "./list-notifications.js";
import { registerMarkNotificationsRead } from "./mark-notifications-read.js";
import { registerStreamNotifications } from "./stream-notifications.js";

/** In this order: Hono matches, and the OpenAPI document lists, in registration order (decision 0011). */
export function registerNotificationRoutes(app: Api) {
  registerListNotifications(app);
  registerCountUnreadNotifications(app);
  registerStreamNotifications(app);
  registerMarkNotificationsRead(app);
}
