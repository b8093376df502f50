export { createClient, type InferaClient } from "./client.js";
export { errorFromResponse, InferaApiError } from "./errors.js";
export type { ClientOptions, FetchLike } from "./http.js";
export type { ExportQuery, IterateQuery, ListParams, Page, PageQuery } from "./pagination.js";
export type { AuditFilter, AuditScope } from "./resources/audit.js";
export type { DatasetFilter, DatasetVersionFilter } from "./resources/datasets.js";
export type {
  FineTuneJobEventStreamOptions,
  FineTuneJobEventsFilter,
  FineTuneJobFilter,
} from "./resources/fine-tuning.js";
export type { InvitationFilter } from "./resources/invitations.js";
export type { MemberFilter } from "./resources/members.js";
export type { ModelFilter, ModelUsage, ModelVersionFilter } from "./resources/models.js";
export type {
  EventSourceConstructor,
  EventSourceLike,
  NotificationFilter,
  NotificationStream,
  NotificationStreamOptions,
} from "./resources/notifications.js";
export type { PlaygroundAnswerInfo, PlaygroundReply, PlaygroundStream } from "./resources/playground.js";
export type { ProjectFilter } from "./resources/projects.js";
export type { ServiceAccountFilter } from "./resources/service-accounts.js";
export type { ServiceLogFilter, ServiceLogStreamOptions } from "./resources/services.js";
export type { TenantUserFilter } from "./resources/tenant-users.js";
export {
  type PreviousUpload,
  type UploadFileOptions,
  type UploadFileResult,
  type UploadUrlStorage,
  uploadIdFromUrl,
} from "./resources/uploads.js";
