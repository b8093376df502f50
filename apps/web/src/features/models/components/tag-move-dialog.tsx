import { CheckCircleTwoTone, CloseCircleTwoTone } from "@ant-design/icons";
import {
  type GateResult,
  type Model,
  type ModelTagHistoryEntry,
  type TagMoveResult,
  TagName,
} from "@infera/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  AutoComplete,
  Checkbox,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { busyButton } from "../../../components/dialogs/busy-button";
import { InlineError } from "../../../components/error-state/inline-error";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { isApiError } from "../../../lib/api-error";
import { useWriteToast } from "../../../lib/audit-link";
import { api, audited } from "../../../lib/client";
import { usePreferences } from "../../../lib/preferences";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { usePermissions } from "../../../permissions/use-permissions";
import { modelKeys, modelPaths, useRecentVersions } from "../api";

export interface TagMoveRequest {
  mode: "promote" | "rollback";
  /** The tag to move; a promote without one lets the user name it. */
  tag?: string;
  /** A promote's preselected target. */
  versionId?: string;
  /** The passing gate evaluation offered as evidence (the evaluation page's "Promote to prod tag"). */
  evaluationRunId?: string;
}

const suggestedTags = ["latest", "staging", "prod"];

/** The gates a 412 precondition_failed carried, if that is what the error is. */
export function refusedGates(error: unknown): GateResult[] | null {
  if (!isApiError(error) || error.code !== "precondition_failed") return null;
  const gates = (error.details as { gates?: GateResult[] } | undefined)?.gates;
  return Array.isArray(gates) ? gates : [];
}

/**
 * PromoteTagDialog and the rollback of ManageTagsDialog (seed 000 §4.3.3, §5.3): the tag, the target
 * as a resolved version id, current vs target, and the release gates (a dry run). A refusal by a gate
 * (412) is shown with its reasons; then, and only for an Owner, a forced move with a written reason.
 */
export default function TagMoveDialog({
  tenantId,
  projectId,
  model,
  request,
  onClose,
}: {
  tenantId: string;
  projectId: string;
  model: Model;
  request: TagMoveRequest;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const paths = modelPaths(tenantId, projectId);
  const rollback = request.mode === "rollback";
  const [tag, setTag] = useState(request.tag ?? "");
  const [versionId, setVersionId] = useState<string | undefined>(request.versionId);
  // Evidence belongs to the version it evaluated: picking another target drops it.
  const evidence = !rollback && versionId === request.versionId ? request.evaluationRunId : undefined;
  const [historyId, setHistoryId] = useState<string>("undo");
  const [error, setError] = useState<unknown>(null);
  const [forcing, setForcing] = useState(false);
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const validTag = TagName.safeParse(tag).success;
  // Owners (and tenant admins) may override a gate; the Owner-only policy action says who they are.
  const canForce = usePermissions(projectId).can("project.policy.update").allowed;

  const versions = useRecentVersions(model.id, 50);
  const history = useQuery({
    queryKey: modelKeys.recentHistory(model.id, tag),
    queryFn: () => api.models.tags.history(model.id, tag, { limit: 50 }),
    enabled: rollback && validTag,
  });
  // Earlier targets to go back to: each entry that pointed the tag somewhere, but not the newest.
  const entries = (history.data?.data ?? []).slice(1).filter((h) => h.to_version_id);
  // "Undo" goes where the newest move came from (the server's `steps: 1`).
  const rollbackTarget: string | undefined =
    historyId === "undo"
      ? (history.data?.data[0]?.from_version_id ?? undefined)
      : (entries.find((h) => h.id === historyId)?.to_version_id ?? undefined);

  // The dry run: current vs target and what the gates say, before anything changes.
  const check = useQuery({
    queryKey: ["models", "tag-dry-run", model.id, tag, rollback ? rollbackTarget : versionId, evidence],
    queryFn: () =>
      api.models.tags.set(model.id, tag, {
        version_id: (rollback ? rollbackTarget : versionId) ?? "",
        ...(evidence ? { evaluation_run_id: evidence } : {}),
        dry_run: true,
      }),
    enabled: validTag && Boolean(rollback ? rollbackTarget : versionId),
    retry: false,
  });
  // A new target starts over: the last answer and any force were about the old one.
  const reset = () => {
    setError(null);
    setForcing(false);
  };

  const refused = refusedGates(error);
  const [submit, pending] = useSubmitOnce(async () => {
    setError(null);
    try {
      const force = forcing ? { force: true, reason: reason.trim() } : {};
      const { result, auditEventIds } = await audited<TagMoveResult>((c) =>
        rollback
          ? c.models.tags.rollback(
              model.id,
              tag,
              historyId === "undo" ? { steps: 1, ...force } : { to_history_id: historyId, ...force },
            )
          : c.models.tags.set(model.id, tag, {
              version_id: versionId ?? "",
              ...(evidence ? { evaluation_run_id: evidence } : {}),
              ...force,
            }),
      );
      await queryClient.invalidateQueries({ queryKey: modelKeys.all });
      toast(
        t(result.forced ? "modelsPage.move.movedForced" : "modelsPage.move.moved", {
          tag,
          version: result.target_version_id,
        }),
        {
          tenantId,
          projectId,
          resourceId: `${model.id}:${tag}`,
          action: rollback ? "model.tag.rollback" : "model.tag.update",
          eventIds: auditEventIds,
        },
      );
      onClose();
    } catch (e) {
      setError(e);
    }
  });

  const target = rollback ? rollbackTarget : versionId;
  const forceReady = reason.trim().length >= 5 && confirmed;
  const canSubmit = validTag && Boolean(target) && !pending && (!refused || (forcing && forceReady));
  const okText = forcing
    ? t(rollback ? "modelsPage.move.forceSubmitRollback" : "modelsPage.move.forceSubmit")
    : t(rollback ? "modelsPage.move.submitRollback" : "modelsPage.move.submit");

  return (
    <Modal
      open
      width={720}
      title={rollback ? t("modelsPage.move.rollbackTitle", { tag }) : t("modelsPage.move.promoteTitle")}
      okText={okText}
      cancelText={t("common.cancel")}
      // busyButton: a quick 412 must not leave an invisible spinner in the button's name.
      okButtonProps={{ ...busyButton(pending), disabled: !canSubmit, danger: forcing }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      data-modal-id={rollback ? "ManageTagsDialog" : "PromoteTagDialog"}
    >
      <Form layout="vertical">
        {rollback ? null : (
          <>
            <Form.Item
              label={t("modelsPage.move.tagName")}
              help={tag && !validTag ? t("modelsPage.move.tagHint") : undefined}
              validateStatus={tag && !validTag ? "error" : undefined}
            >
              <AutoComplete
                aria-label={t("modelsPage.move.tagName")}
                value={tag}
                onChange={(v) => {
                  reset();
                  setTag(String(v ?? "").trim());
                }}
                options={suggestedTags.map((value) => ({ value }))}
                disabled={Boolean(request.tag)}
              >
                <Input />
              </AutoComplete>
            </Form.Item>
            <Form.Item label={t("modelsPage.move.target")} required>
              <Select
                aria-label={t("modelsPage.move.target")}
                value={versionId}
                onChange={(v) => {
                  reset();
                  setVersionId(v);
                }}
                loading={versions.isPending}
                placeholder={t("modelsPage.move.targetRequired")}
                options={(versions.data?.data ?? []).map((v) => ({
                  value: v.id,
                  label: `${v.id} · ${v.format} · ${formatDate(v.created_at)}${v.tags.length ? ` · ${v.tags.join(", ")}` : ""}`,
                }))}
              />
            </Form.Item>
          </>
        )}
        {rollback ? (
          <Form.Item label={t("modelsPage.move.rollbackTo")}>
            <Select
              aria-label={t("modelsPage.move.rollbackTo")}
              value={historyId}
              onChange={(v) => {
                reset();
                setHistoryId(v);
              }}
              loading={history.isPending}
              options={[
                { value: "undo", label: t("modelsPage.move.undoLast") },
                ...entries.map((h: ModelTagHistoryEntry) => ({
                  value: h.id,
                  label: t("modelsPage.move.entry", {
                    when: formatDate(h.created_at),
                    who: h.actor_label ?? h.actor_id ?? h.actor_type,
                    to: h.to_version_id ?? "",
                  }),
                })),
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>

      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("modelsPage.move.current")}>
          {check.data?.current_version_id ? (
            <IDBadge id={check.data.current_version_id} />
          ) : (
            t("modelsPage.move.none")
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("modelsPage.move.targetResolved")}>
          {(check.data?.target_version_id ?? target) ? (
            <span data-testid="resolved-target">
              <IDBadge id={check.data?.target_version_id ?? target ?? ""} />
            </span>
          ) : (
            "—"
          )}
        </Descriptions.Item>
        {evidence ? (
          <Descriptions.Item label={t("modelsPage.move.evidence")}>
            <Link to={paths.evaluationRun(evidence)} onClick={onClose} data-testid="evidence">
              {t("modelsPage.move.evidenceRun", { id: evidence })}
            </Link>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {check.data && !check.data.changed ? (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={t("modelsPage.move.unchanged")} />
      ) : null}
      {check.isError ? <InlineError error={check.error} /> : null}

      {check.data ? (
        <Space orientation="vertical" style={{ width: "100%", marginTop: 12 }}>
          <Typography.Text strong>{t("modelsPage.move.gates")}</Typography.Text>
          {check.isFetching ? (
            <Typography.Text type="secondary">{t("modelsPage.move.checking")}</Typography.Text>
          ) : null}
          <GateList gates={refused ?? check.data.gates} />
        </Space>
      ) : null}

      {refused ? (
        <Alert
          role="alert"
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={t("modelsPage.move.refused")}
          description={
            <Space orientation="vertical" style={{ width: "100%" }}>
              <Typography.Text>{isApiError(error) ? error.message : ""}</Typography.Text>
              <Typography.Text type="secondary">{t("modelsPage.move.refusedHint")}</Typography.Text>
              <Link to={target ? paths.evaluateGate(target) : paths.evaluation} onClick={onClose}>
                {t("modelsPage.move.openEvaluation")}
              </Link>
              {canForce ? (
                <Checkbox checked={forcing} onChange={(e) => setForcing(e.target.checked)}>
                  {t("modelsPage.move.force")}
                </Checkbox>
              ) : (
                <Typography.Text type="secondary">{t("modelsPage.move.ownerOnly")}</Typography.Text>
              )}
              {forcing ? (
                <>
                  <Input.TextArea
                    aria-label={t("modelsPage.move.forceReason")}
                    placeholder={t("modelsPage.move.forceReason")}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    rows={3}
                    maxLength={2000}
                  />
                  <Typography.Text type="secondary">{t("modelsPage.move.forceReasonHint")}</Typography.Text>
                  <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
                    {t("modelsPage.move.forceConfirm")}
                  </Checkbox>
                </>
              ) : null}
            </Space>
          }
        />
      ) : error ? (
        <InlineError error={error} />
      ) : null}
    </Modal>
  );
}

function GateList({ gates }: { gates: GateResult[] }) {
  const { t } = useTranslation();
  if (gates.length === 0)
    return <Typography.Text type="secondary">{t("modelsPage.move.noGates")}</Typography.Text>;
  return (
    <List
      size="small"
      bordered
      aria-label={t("modelsPage.move.gates")}
      dataSource={gates}
      renderItem={(g) => (
        <List.Item>
          <Space align="start">
            {g.passed ? (
              <CheckCircleTwoTone twoToneColor="#389e0d" aria-hidden />
            ) : (
              <CloseCircleTwoTone twoToneColor="#cf1322" aria-hidden />
            )}
            <span>
              <Typography.Text strong>{g.gate}</Typography.Text>{" "}
              {/* Ant Design's green tag text is 3.6:1 on its background; a darker green reads (as in DiffViewer). */}
              <Tag color={g.passed ? "green" : "red"} style={g.passed ? { color: "#135200" } : undefined}>
                {g.passed ? t("modelsPage.move.gatePassed") : t("modelsPage.move.gateFailed")}
              </Tag>
              <br />
              <Typography.Text type="secondary">{g.reason}</Typography.Text>
            </span>
          </Space>
        </List.Item>
      )}
    />
  );
}
