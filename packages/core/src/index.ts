export type { Database } from "@infera/db";
export { apiKeyStatus, toApiKey } from "./api-keys/api-key-access.js";
export { API_KEY_CHANNEL } from "./api-keys/api-key-changes.js";
export {
  type ApiKeyRefusal,
  type ApiKeyVerification,
  ApiKeyVerifier,
  type ApiKeyVerifierOptions,
  type VerifiedApiKey,
} from "./api-keys/api-key-verifier.js";
export { createApiKey } from "./api-keys/create-api-key.js";
export { databaseApiKeyDirectory } from "./api-keys/database-api-key-directory.js";
export { getApiKey } from "./api-keys/get-api-key.js";
export { listApiKeys } from "./api-keys/list-api-keys.js";
export { revokeApiKey } from "./api-keys/revoke-api-key.js";
export { rotateApiKey } from "./api-keys/rotate-api-key.js";
export { updateApiKey } from "./api-keys/update-api-key.js";
export { anchorAuditChain } from "./audit/anchor-audit-chain.js";
export { type AnchorRunReport, anchorAuditChains } from "./audit/anchor-audit-chains.js";
export { anchorSignatureProblem, signAnchor } from "./audit/anchor-signature.js";
export type { AuditAnchoring } from "./audit/audit-anchoring.js";
export { auditHash, canonicalJson, GENESIS_HASH } from "./audit/audit-hash.js";
export {
  AuditKeyError,
  type AuditKeyring,
  auditKeyId,
  generateAuditKeyPem,
  parseAuditKeyring,
} from "./audit/audit-keyring.js";
export { getAuditEvent } from "./audit/get-audit-event.js";
export { type AuditScope, listAuditEvents } from "./audit/list-audit-events.js";
export { recordAudit } from "./audit/record-audit.js";
export { verifyAuditChain } from "./audit/verify-audit-chain.js";
export { getMe } from "./auth/get-me.js";
export { LOGIN_FAILED, login } from "./auth/login.js";
export { LoginThrottle } from "./auth/login-throttle.js";
export { logout } from "./auth/logout.js";
export { type ResolvedPrincipal, resolvePrincipal } from "./auth/resolve-principal.js";
export { authorize } from "./authz/authorize.js";
export { type Decision, decide, type Subject } from "./authz/decide.js";
export { listPermissions } from "./authz/list-permissions.js";
export { type PermissionRule, permissionMatrix } from "./authz/permission-matrix.js";
export {
  type BlobReferenceKind,
  registerBlobReferenceKind,
} from "./blobs/blob-references.js";
export { collectBlobGarbage } from "./blobs/collect-garbage.js";
export { collectBlobGarbageOnSchedule } from "./blobs/collect-garbage-on-schedule.js";
export { DEFAULT_BLOB_GC_GRACE_MINUTES } from "./blobs/run-blob-gc.js";
export { bootstrap } from "./bootstrap/bootstrap.js";
export { registerSystemModel, type SystemModelResult } from "./bootstrap/register-system-models.js";
export { notifyChange } from "./changes/notify-change.js";
export { createDataset } from "./datasets/create-dataset.js";
export { createDatasetVersion } from "./datasets/create-dataset-version.js";
export { getDatasetUsage, getDatasetVersionUsage } from "./datasets/dataset-usage.js";
export { deleteDataset } from "./datasets/delete-dataset.js";
export { deleteDatasetVersion } from "./datasets/delete-dataset-version.js";
export { getDataset, getDatasetVersion } from "./datasets/get-dataset.js";
export { getValidationRun } from "./datasets/get-validation-run.js";
export { listDatasetVersions } from "./datasets/list-dataset-versions.js";
export { listDatasets } from "./datasets/list-datasets.js";
export { type DatasetFileDownload, openDatasetFile } from "./datasets/open-dataset-file.js";
export { type NormalizedDownload, openNormalizedDataset } from "./datasets/open-normalized-dataset.js";
export {
  openValidationRunReport,
  openVersionReport,
  type ReportDownload,
} from "./datasets/open-validation-report.js";
export { previewDatasetVersion } from "./datasets/preview-dataset-version.js";
export { DatasetInvalidError, VALIDATION_RUN_DAYS } from "./datasets/record-validation-run.js";
export { splitDatasetVersion } from "./datasets/split-dataset-version.js";
export { updateDataset } from "./datasets/update-dataset.js";
export { validateDatasetVersion } from "./datasets/validate-dataset-version.js";
export * from "./evaluations/index.js";
export { cancelFineTuneJob } from "./fine-tuning/cancel-fine-tune-job.js";
export { downloadFineTuneJobCheckpoint } from "./fine-tuning/checkpoints/download-fine-tune-job-checkpoint.js";
export { getFineTuneJobArtifacts } from "./fine-tuning/checkpoints/get-fine-tune-job-artifacts.js";
export { listFineTuneJobCheckpoints } from "./fine-tuning/checkpoints/list-fine-tune-job-checkpoints.js";
export {
  beginCheckpointUpload,
  type CheckpointFile,
  type CheckpointUpload,
  completeCheckpointUpload,
  isInsidePath,
} from "./fine-tuning/checkpoints/record-checkpoint-upload.js";
export {
  findResumableCheckpoint,
  type StoredCheckpoint,
} from "./fine-tuning/checkpoints/stored-checkpoints.js";
export { cloneFineTuneJob } from "./fine-tuning/clone-fine-tune-job.js";
export { createFineTuneJob } from "./fine-tuning/create-fine-tune-job.js";
export { deleteFineTuneJob } from "./fine-tuning/delete-fine-tune-job.js";
export { appendJobEvents, type NewJobEvent } from "./fine-tuning/events/append-job-events.js";
export {
  downloadFineTuneJobLog,
  jobLogLine,
  type LogLevel,
} from "./fine-tuning/events/download-fine-tune-job-log.js";
export {
  followFineTuneJobEvents,
  type JobEventFeed,
} from "./fine-tuning/events/follow-fine-tune-job-events.js";
export { getFineTuneJobMetrics } from "./fine-tuning/events/get-fine-tune-job-metrics.js";
export { listFineTuneJobEvents } from "./fine-tuning/events/list-fine-tune-job-events.js";
export { getFineTuneJob } from "./fine-tuning/get-fine-tune-job.js";
export { getFineTuneJobConfig } from "./fine-tuning/get-fine-tune-job-config.js";
export {
  JOB_TRANSITIONS,
  type JobChanges,
  transitionJob,
  transitionJobs,
} from "./fine-tuning/job-state-machine.js";
export { listFineTuneJobs } from "./fine-tuning/list-fine-tune-jobs.js";
export {
  existingJobIds,
  findExpiredWorkspaces,
} from "./fine-tuning/retention/find-expired-workspaces.js";
export { markWorkspacesRemoved } from "./fine-tuning/retention/mark-workspaces-removed.js";
export { retryFineTuneJob } from "./fine-tuning/retry-fine-tune-job.js";
export {
  beginFineTuneRun,
  type FineTuneRunPlan,
  type FineTuneRunStart,
  MAX_NODE_LOSSES,
} from "./fine-tuning/run/begin-fine-tune-run.js";
export {
  finishFineTuneRun,
  type RunArtifactFile,
  type RunOutcome,
} from "./fine-tuning/run/finish-fine-tune-run.js";
export { openRunDataset } from "./fine-tuning/run/open-run-dataset.js";
export {
  type RunOutputAnswer,
  recordFineTuneRunOutput,
} from "./fine-tuning/run/record-fine-tune-run-output.js";
export { type RunPaths, trainJobSpecOf } from "./fine-tuning/run/train-job-spec.js";
export { placeFineTuneJob } from "./fine-tuning/scheduling/place-fine-tune-job.js";
export { queueWaitSeconds } from "./fine-tuning/scheduling/queue-waits.js";
export {
  type SchedulingPass,
  scheduleFineTuneJobs,
} from "./fine-tuning/scheduling/schedule-fine-tune-jobs.js";
export { type ConfigFix, type FixableConfig, suggestFix } from "./fine-tuning/suggest-fix.js";
export { createFineTuneTemplate } from "./fine-tuning/templates/create-fine-tune-template.js";
export { deleteFineTuneTemplate } from "./fine-tuning/templates/delete-fine-tune-template.js";
export { getFineTuneTemplate } from "./fine-tuning/templates/get-fine-tune-template.js";
export { listFineTuneTemplates } from "./fine-tuning/templates/list-fine-tune-templates.js";
export { updateFineTuneTemplate } from "./fine-tuning/templates/update-fine-tune-template.js";
export { validateFineTuneJob } from "./fine-tuning/validate-fine-tune-job.js";
export { acceptInvitation } from "./invitations/accept-invitation.js";
export { createInvitations, splitEmails } from "./invitations/create-invitations.js";
export { getInvitationPreview } from "./invitations/get-invitation-preview.js";
export { listInvitations } from "./invitations/list-invitations.js";
export { revokeInvitation } from "./invitations/revoke-invitation.js";
export { addMember } from "./members/add-member.js";
export { listMembers } from "./members/list-members.js";
export { removeMember } from "./members/remove-member.js";
export { updateMember } from "./members/update-member.js";
export { inspectArtifact } from "./models/artifacts/read-metadata.js";
export { createModel, createSystemModel } from "./models/create-model.js";
export { createModelVersion, insertModelVersion } from "./models/create-model-version.js";
export { deleteModel } from "./models/delete-model.js";
export { deleteModelVersion } from "./models/delete-model-version.js";
export { getModel } from "./models/get-model.js";
export { getModelVersion } from "./models/get-model-version.js";
export { listModelVersions } from "./models/list-model-versions.js";
export { listModels } from "./models/list-models.js";
export { getModelUsage } from "./models/model-usage.js";
export { type ModelFileDownload, openModelFile } from "./models/open-model-file.js";
export { deleteModelTag } from "./models/tags/delete-model-tag.js";
export { listModelTags, listTagHistory } from "./models/tags/list-model-tags.js";
export {
  type PassingEvaluationFinder,
  type ReleaseGate,
  registerPassingEvaluationFinder,
  registerReleaseGate,
} from "./models/tags/release-gates.js";
export { resolveModelRef } from "./models/tags/resolve-model-ref.js";
export { rollbackModelTag } from "./models/tags/rollback-model-tag.js";
export { setModelTag } from "./models/tags/set-model-tag.js";
export { updateModel } from "./models/update-model.js";
export { listNodes } from "./nodes/list-nodes.js";
export { type NodeRegistration, registerNode } from "./nodes/register-node.js";
export { touchNode } from "./nodes/touch-node.js";
export { updateNode } from "./nodes/update-node.js";
export { countMyUnread } from "./notifications/count-my-unread.js";
export { type CreateNotificationsInput, createNotifications } from "./notifications/create-notifications.js";
export {
  followMyNotifications,
  type NotificationEvent,
  type NotificationFeed,
} from "./notifications/follow-my-notifications.js";
export { listMyNotifications } from "./notifications/list-my-notifications.js";
export { markNotificationsRead } from "./notifications/mark-notifications-read.js";
export { NOTIFICATIONS_CHANNEL } from "./notifications/notification-queries.js";
export { pruneNotifications } from "./notifications/prune-notifications.js";
export { getProjectPolicies } from "./policies/get-project-policies.js";
export { updateProjectPolicies } from "./policies/update-project-policies.js";
export type { ApiKeyDirectory, ApiKeyRecord } from "./ports/api-key-directory.js";
export type { AuditAnchorLog } from "./ports/audit-anchor-log.js";
export {
  type BlobInfo,
  type BlobPutFileOptions,
  type BlobPutOptions,
  type BlobPutResult,
  type BlobRange,
  type BlobRead,
  type BlobSource,
  type BlobStore,
  isSha256Hex,
} from "./ports/blob-store.js";
export type { ChangeFeed } from "./ports/change-feed.js";
export type { DatasetTokenizers } from "./ports/dataset-tokenizers.js";
export type {
  Execution,
  ExecutionExit,
  ExecutionRequest,
  Executor,
  GpuInfo,
  NodeResources,
  OutputLine,
} from "./ports/executor.js";
export type { InferenceCall, InferenceCaller } from "./ports/inference-caller.js";
export type {
  DeadLetter,
  DeadLetterHook,
  EnqueueOptions,
  EnqueueResult,
  FailOutcome,
  InTransaction,
  JobLease,
  JobQueue,
  LeasedJob,
  ScheduleSpec,
} from "./ports/job-queue.js";
export type { PriceDirectory, TenantPriceTable, TokenPrices } from "./ports/price-directory.js";
export type { ProcessUsage, ProcessUsageReader } from "./ports/process-usage.js";
export type { ReplicaExecutor, ReplicaLaunch, TrackedReplica } from "./ports/replica-executor.js";
export type { SecretSealer } from "./ports/secret-sealer.js";
export type { RevisionLoad, ServiceLoad, ServiceLoadSample } from "./ports/service-load.js";
export type {
  ProcessServingRuntime,
  ReplicaSpec,
  ServingModelFormat,
  ServingRuntimeDescriptor,
  ServingRuntimeKind,
  UpstreamHealth,
  UpstreamProbeInput,
} from "./ports/serving-runtime.js";
export type {
  RuntimeArtifact,
  RuntimeMethod,
  RuntimePrecision,
  RuntimeStage,
  TrainerCapabilities,
  TrainerRuntime,
  TrainerRuntimeDescriptor,
} from "./ports/trainer-runtime.js";
export {
  CallCostEstimator,
  type CallCostEstimatorOptions,
  type CallCostInput,
} from "./prices/call-cost-estimator.js";
export { databasePriceDirectory } from "./prices/database-price-directory.js";
export { deletePrice } from "./prices/delete-price.js";
export { listPrices } from "./prices/list-prices.js";
export { ALL_TENANTS, PRICE_CHANNEL } from "./prices/price-changes.js";
export { setPrice } from "./prices/set-price.js";
export { createProject } from "./projects/create-project.js";
export { deleteProject } from "./projects/delete-project.js";
export { getProject } from "./projects/get-project.js";
export { listProjects } from "./projects/list-projects.js";
export { registerHoldingKind } from "./projects/project-holdings.js";
export { updateProject } from "./projects/update-project.js";
export {
  findDependants,
  type ReferenceKind,
  type ReferenceTarget,
  registerReferenceKind,
} from "./references/reference-kinds.js";
export { registerCoreKinds } from "./register-core-kinds.js";
export { createResourceClass } from "./resource-classes/create-resource-class.js";
export { listResourceClasses } from "./resource-classes/list-resource-classes.js";
export { updateResourceClass } from "./resource-classes/update-resource-class.js";
export { estimateQueueStarts } from "./scheduling/estimate-queue.js";
export {
  type ActiveCounts,
  type ConcurrencyLimits,
  compareQueueOrder,
  type NodeCapacity,
  type NodeGpu,
  type Placement,
  type PlanResult,
  planPlacements,
  type QueuedJob,
  type ResourceClassShape,
  type WaitReason,
} from "./scheduling/plan-placements.js";
export { createServiceAccount } from "./service-accounts/create-service-account.js";
export { deleteServiceAccount } from "./service-accounts/delete-service-account.js";
export { issueServiceAccountToken } from "./service-accounts/issue-service-account-token.js";
export { listServiceAccounts } from "./service-accounts/list-service-accounts.js";
export { updateServiceAccount } from "./service-accounts/update-service-account.js";
export { autoscaleRevisions } from "./services/autoscaling/autoscale-revisions.js";
export { closeColdStarts } from "./services/autoscaling/close-cold-starts.js";
export {
  databaseServiceLoad,
  demandRevision,
  LOAD_SAMPLE_FRESH_MS,
  readServiceLoad,
  reportServiceLoad,
} from "./services/autoscaling/database-service-load.js";
export {
  type AutoscaleDecision,
  type AutoscaleInput,
  type AutoscaleMemory,
  decideReplicas,
  replicaBounds,
} from "./services/autoscaling/decide-replicas.js";
export { type RestartBackoff, restartDelayMs } from "./services/autoscaling/restart-delay.js";
export { createService } from "./services/create-service.js";
export { deleteService } from "./services/delete-service.js";
export { deployRevision } from "./services/deploy-revision.js";
export { getService } from "./services/get-service.js";
export { getServiceRevision } from "./services/get-service-revision.js";
export { listServiceEvents } from "./services/list-service-events.js";
export { listServiceRevisions } from "./services/list-service-revisions.js";
export { listServices } from "./services/list-services.js";
export {
  appendReplicaLogLines,
  replicaLogOffset,
  type ShippedLine,
} from "./services/logs/append-replica-log-lines.js";
export { downloadServiceLogs, serviceLogFileLine } from "./services/logs/download-service-logs.js";
export { followServiceLogs } from "./services/logs/follow-service-logs.js";
export { listServiceLogs } from "./services/logs/list-service-logs.js";
export { parseReplicaLogLine } from "./services/logs/parse-replica-log-line.js";
export { pruneServiceLogs } from "./services/logs/prune-service-logs.js";
export { getServiceGatewayMetrics } from "./services/metrics/get-service-gateway-metrics.js";
export { getServiceMetrics } from "./services/metrics/get-service-metrics.js";
export { histogramQuantile } from "./services/metrics/histogram-quantile.js";
export { listMetricTargets, type MetricTarget } from "./services/metrics/list-metric-targets.js";
export {
  type CumulativeHistogram,
  parseReplicaMetrics,
  type ReplicaSample,
} from "./services/metrics/parse-replica-metrics.js";
export { pruneServiceMetrics } from "./services/metrics/prune-service-metrics.js";
export { recordReplicaScrape, type ScrapeDelta } from "./services/metrics/record-replica-scrape.js";
export { chatInPlayground, type PlaygroundAnswer } from "./services/playground/chat-in-playground.js";
export { beginServiceReplica } from "./services/replicas/begin-service-replica.js";
export {
  checkUpstreamRevisions,
  type UpstreamCheckResult,
} from "./services/replicas/check-upstream-revisions.js";
export { endServiceReplica } from "./services/replicas/end-service-replica.js";
export { markReplicaReady } from "./services/replicas/mark-replica-ready.js";
export { moveRevisionForReplicas } from "./services/replicas/move-revision-for-replicas.js";
export { noteRevisionWait } from "./services/replicas/note-revision-wait.js";
export {
  placeServiceReplicas,
  type ReplicaPlacementPass,
} from "./services/replicas/place-service-replicas.js";
export {
  planReplicaPass,
  type ReplicaModelFile,
  type ReplicaRow,
  type ReplicaTarget,
} from "./services/replicas/plan-replica-pass.js";
export {
  type PlacementNode,
  type PlacementReplica,
  type PlacementRevision,
  planReplicaPlacement,
  type ReplicaPlacementPlan,
} from "./services/replicas/plan-replica-placement.js";
export { recordReplicaProcess } from "./services/replicas/record-replica-process.js";
export { scheduleReplicaRestart } from "./services/replicas/schedule-replica-restart.js";
export { REVISION_TRANSITIONS, transitionRevision } from "./services/revision-state-machine.js";
export { rollbackService } from "./services/rollback-service.js";
export {
  type RoutableReplica,
  type RoutableRevision,
  type RoutableService,
  readRoutingTable,
} from "./services/routing/read-routing-table.js";
export { ROUTING_CHANNEL } from "./services/routing/routing-changes.js";
export { setServiceTraffic } from "./services/set-service-traffic.js";
export { startService } from "./services/start-service.js";
export { stopService } from "./services/stop-service.js";
export { transitionServiceRevision } from "./services/transition-service-revision.js";
export { updateService } from "./services/update-service.js";
export { createAesGcmSealer } from "./shared/aes-gcm-sealer.js";
export {
  type CoreSettings,
  checkPorts,
  defaultSettings,
  FINE_TUNE_LIMIT_DEFAULTS,
  type FineTuneLimits,
  type Logger,
  type Principal,
  type ServiceContext,
  type ServicePorts,
} from "./shared/context.js";
export { hashPassword } from "./shared/crypto.js";
export { type CsvRow, encodeCsv } from "./shared/csv.js";
export { DomainError } from "./shared/errors.js";
export { newId } from "./shared/ids.js";
export { type Mail, type Mailer, noopMailer } from "./shared/mailer.js";
export type { Page } from "./shared/pagination.js";
export { pingDatabase } from "./shared/ping-database.js";
export { refreshPlannerStatistics } from "./shared/refresh-statistics.js";
export { type CoreRegistry, createRegistry } from "./shared/registry.js";
export { type TxContext, withTransaction } from "./shared/transaction.js";
export { createTenantUser } from "./tenant-users/create-tenant-user.js";
export { deleteTenantUser } from "./tenant-users/delete-tenant-user.js";
export { listTenantUsers } from "./tenant-users/list-tenant-users.js";
export { updateTenantUser } from "./tenant-users/update-tenant-user.js";
export { createTenant } from "./tenants/create-tenant.js";
export { getTenant } from "./tenants/get-tenant.js";
export { listTenants } from "./tenants/list-tenants.js";
export { updateTenant } from "./tenants/update-tenant.js";
export {
  checkRuntimeSupports,
  type RuntimeSupportCheck,
  type TrainingRequirements,
  type UnsupportedItem,
} from "./trainer-runtimes/check-runtime-supports.js";
export { type AppendResult, appendUpload } from "./uploads/append-upload.js";
export { cancelUpload } from "./uploads/cancel-upload.js";
export { createUpload } from "./uploads/create-upload.js";
export { getUpload } from "./uploads/get-upload.js";
export { sweepExpiredUploads } from "./uploads/sweep-expired-uploads.js";
export { takeCompletedUpload } from "./uploads/take-completed-upload.js";
export { createUploadService, type UploadService, type UploadSettings } from "./uploads/upload-service.js";
export { getUsageReport, USAGE_REPORT_MAX_DAYS } from "./usage/get-usage-report.js";
export { pruneUsageRecords } from "./usage/prune-usage-records.js";
export { type StoredUsage, storeUsageRecords } from "./usage/store-usage-records.js";
export { createWebhook } from "./webhooks/create-webhook.js";
export { deleteWebhook } from "./webhooks/delete-webhook.js";
export {
  planWebhookAttempt,
  RESPONSE_EXCERPT_BYTES,
  recordWebhookAttempt,
  type WebhookAttemptOutcome,
  type WebhookAttemptPlan,
} from "./webhooks/deliver-webhook.js";
export { getWebhook } from "./webhooks/get-webhook.js";
export { listWebhookDeliveries } from "./webhooks/list-webhook-deliveries.js";
export { listWebhooks } from "./webhooks/list-webhooks.js";
export { redeliverWebhookDelivery } from "./webhooks/redeliver-webhook-delivery.js";
export { rotateWebhookSecret } from "./webhooks/rotate-webhook-secret.js";
export { testWebhook } from "./webhooks/test-webhook.js";
export { updateWebhook } from "./webhooks/update-webhook.js";
export { signWebhookBody } from "./webhooks/webhook-secret.js";
export { WEBHOOK_DEFAULTS } from "./webhooks/webhook-settings.js";
export { createDatabaseQueue } from "./workload/create-database-queue.js";
export { WORK_ITEMS_CHANNEL } from "./workload/enqueue-job.js";
export { parseJobPayload } from "./workload/job-kinds.js";
export { pruneWorkItems } from "./workload/prune-work-items.js";
export { readWorkloadGauges, type WorkloadGauges } from "./workload/read-workload-gauges.js";
