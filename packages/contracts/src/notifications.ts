import { z } from "zod";
import { ListQuery, ProjectRole, Timestamp } from "./common.js";

/**
 * What happened, as a closed list. The server never renders a sentence: the console translates each
 * kind (en-US, zh-CN) and fills it with `params`. A new kind is added here with its params schema, and
 * to both of the console's locales.
 */
export const NotificationKind = z.enum([
  "project.member.added",
  "fine_tuning.job.started",
  "fine_tuning.job.succeeded",
  "fine_tuning.job.failed",
  "fine_tuning.job.canceled",
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** Someone added you to a project. */
export const ProjectMemberAddedParams = z.object({
  project_name: z.string(),
  role: ProjectRole,
  added_by: z.string().describe("name or email of whoever added you"),
});
export type ProjectMemberAddedParams = z.infer<typeof ProjectMemberAddedParams>;

/** A fine-tuning job of yours changed state (declared for the fine-tuning feature). */
export const FineTuningJobParams = z.object({
  job_name: z.string(),
  project_name: z.string(),
  reason: z.string().nullable().optional().describe("failed: the failure reason code (out_of_memory, …)"),
});
export type FineTuningJobParams = z.infer<typeof FineTuningJobParams>;

/** The params of each kind: what the console may put into that kind's sentence. */
export const notificationParams = {
  "project.member.added": ProjectMemberAddedParams,
  "fine_tuning.job.started": FineTuningJobParams,
  "fine_tuning.job.succeeded": FineTuningJobParams,
  "fine_tuning.job.failed": FineTuningJobParams,
  "fine_tuning.job.canceled": FineTuningJobParams,
} as const satisfies Record<NotificationKind, z.ZodTypeAny>;

/** A kind with its params, as a feature creates it. */
export type NotificationContent = {
  [K in NotificationKind]: { kind: K; params: z.infer<(typeof notificationParams)[K]> };
}[NotificationKind];

/** What a notification links to; the console builds the link (`/t/{tenant}/p/{project}/…`). */
export const NotificationResource = z.object({
  type: z.enum(["project", "fine_tuning_job"]),
  id: z.string(),
  tenant_id: z.string().nullable(),
  project_id: z.string().nullable(),
});
export type NotificationResource = z.infer<typeof NotificationResource>;

const notificationFields = {
  id: z.string(),
  resource: NotificationResource,
  read_at: Timestamp.nullable(),
  created_at: Timestamp,
  seq: z
    .number()
    .int()
    .describe("increases with every notification of a user, in commit order: the stream's event id"),
};

export const Notification = z.discriminatedUnion("kind", [
  z.object({
    ...notificationFields,
    kind: z.literal("project.member.added"),
    params: ProjectMemberAddedParams,
  }),
  z.object({
    ...notificationFields,
    kind: z.enum([
      "fine_tuning.job.started",
      "fine_tuning.job.succeeded",
      "fine_tuning.job.failed",
      "fine_tuning.job.canceled",
    ]),
    params: FineTuningJobParams,
  }),
]);
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = ListQuery.pick({ limit: true, cursor: true, format: true }).extend({
  unread_only: z.enum(["true", "false"]).optional().describe("true: only those not read yet"),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const UnreadNotifications = z.object({
  unread: z.number().int(),
  last_seq: z
    .number()
    .int()
    .describe("the seq of your newest notification (0 if none): open the stream with ?after= it"),
});
export type UnreadNotifications = z.infer<typeof UnreadNotifications>;

export const MarkNotificationsReadInput = z
  .object({
    ids: z.array(z.string().max(100)).min(1).max(200).optional().describe("these notifications"),
    up_to_seq: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("every notification with seq ≤ this (mark all read: the newest seq you have seen)"),
  })
  .strict()
  .refine(
    (v) => (v.ids === undefined) !== (v.up_to_seq === undefined),
    "give exactly one of ids or up_to_seq",
  );
export type MarkNotificationsReadInput = z.infer<typeof MarkNotificationsReadInput>;

export const MarkNotificationsReadResult = z.object({
  marked: z.number().int().describe("how many were unread and are read now"),
  unread: z.number().int().describe("how many stay unread"),
});
export type MarkNotificationsReadResult = z.infer<typeof MarkNotificationsReadResult>;

export const NotificationStreamQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe("send notifications with a seq above this (default: only new ones); Last-Event-ID wins"),
  follow: z
    .enum(["true", "false"])
    .optional()
    .describe("false: send what there is after `after`, then end (default true: stay open)"),
});
export type NotificationStreamQuery = z.infer<typeof NotificationStreamQuery>;
