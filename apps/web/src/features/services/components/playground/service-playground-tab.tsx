import { ClearOutlined, SendOutlined, StopOutlined } from "@ant-design/icons";
import type { ServiceDetail, ServiceRevisionDetail } from "@infera/contracts";
import { Alert, Button, Col, Collapse, Input, Row, Select, Space, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { usePermissions } from "../../../../permissions/use-permissions";
import { ChatColumn } from "./chat-column";
import { initialParams, type ParamsState, PlaygroundParamsPanel, paramsToSend } from "./playground-params";
import { usePlaygroundChat } from "./use-playground-chat";

const ACTION = "service.playground";

/**
 * Revisions a call can reach now: ready ones, and those scaled to zero while the service is active
 * (the gateway holds the call while a replica starts).
 */
export function callableRevisions(service: ServiceDetail): ServiceRevisionDetail[] {
  return service.revisions
    .filter(
      (r) =>
        r.current_state === "ready" ||
        (r.current_state === "inactive" &&
          service.desired_state === "active" &&
          r.config.autoscaling.scale_to_zero &&
          r.traffic_percent > 0),
    )
    .sort((a, b) => b.traffic_percent - a.traffic_percent || b.number - a.number);
}

/**
 * The evaluation wizard set up for a side-by-side run of this service: the revisions shown here (the
 * second when comparing) and the prompt typed so far.
 */
export function comparisonLink(
  service: Pick<ServiceDetail, "id" | "tenant_id">,
  projectId: string,
  revisions: (string | null | undefined)[],
  prompt: string,
): string {
  const q = new URLSearchParams({ kind: "side_by_side", service_id: service.id });
  for (const r of revisions) if (r) q.append("revision_id", r);
  if (prompt.trim()) q.set("prompt", prompt.trim());
  return `/t/${encodeURIComponent(service.tenant_id)}/p/${encodeURIComponent(projectId)}/evaluation/new?${q}`;
}

/**
 * Playground (seed 000 §4.3.7 Tab 5): chat with the service as `/v1` would answer it, streaming
 * token by token, with the parameter panel, token usage, raw request and response, and a second
 * revision side by side for the same prompt. Locked, with the reason, without the permission or a
 * revision to call; a Prod project's notice says that prompts and responses are not logged.
 */
export function ServicePlaygroundTab({ service, projectId }: { service: ServiceDetail; projectId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const permissions = usePermissions(projectId);
  const decision = permissions.can(ACTION);
  const callable = callableRevisions(service);
  const [state, setState] = useState<ParamsState>(initialParams);
  const [revisionId, setRevisionId] = useState<string | null>(null);
  const [compare, setCompare] = useState(false);
  const [otherId, setOtherId] = useState<string | null>(callable[1]?.id ?? callable[0]?.id ?? null);
  const [prompt, setPrompt] = useState("");
  const left = usePlaygroundChat(service.id, revisionId);
  const right = usePlaygroundChat(service.id, otherId);
  const chats = compare ? [left, right] : [left];

  const locked = permissions.isLoading
    ? null
    : !decision.allowed
      ? (decision.reason ?? t("playground.denied"))
      : callable.length === 0
        ? t("playground.noReady")
        : null;
  const disabled = permissions.isLoading || locked !== null;
  const busy = chats.some((c) => c.busy);
  const toSend = paramsToSend(state);
  const canSend = !disabled && !busy && prompt.trim() !== "" && toSend !== null;
  const notLogged =
    chats.some((c) => c.logContent === false) ||
    (service.env === "prod" && chats.every((c) => c.logContent !== true));

  const send = () => {
    if (!canSend || !toSend) return;
    for (const c of chats) void c.send(prompt, toSend);
    setPrompt("");
  };
  const label = (r: ServiceRevisionDetail) =>
    t("playground.revisionOption", { number: r.number, percent: r.traffic_percent });
  const revisionOptions = callable.map((r) => ({ value: r.id, label: label(r) }));
  const titleOf = (id: string | null) => {
    const r = callable.find((x) => x.id === id);
    return r ? label(r) : t("playground.byTraffic");
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      {locked ? <Alert type="warning" showIcon title={locked} data-locked-reason={locked} /> : null}
      {notLogged ? (
        <Alert
          type="info"
          showIcon
          title={t("playground.prodNotice")}
          className="infera-playground-prod-notice"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Space orientation="vertical" style={{ width: "100%" }} size="middle">
            <Space wrap size={12}>
              <Space size={6}>
                <label htmlFor="playground-revision">{t("playground.revision")}</label>
                <Select
                  id="playground-revision"
                  style={{ minWidth: 200 }}
                  disabled={disabled}
                  value={revisionId ?? ""}
                  onChange={(v: string) => setRevisionId(v || null)}
                  options={[{ value: "", label: t("playground.byTraffic") }, ...revisionOptions]}
                />
              </Space>
              <Space size={6}>
                <Switch id="playground-compare" checked={compare} disabled={disabled} onChange={setCompare} />
                <label htmlFor="playground-compare">{t("playground.compare")}</label>
              </Space>
              {compare ? (
                <Space size={6}>
                  <label htmlFor="playground-other">{t("playground.otherRevision")}</label>
                  <Select
                    id="playground-other"
                    style={{ minWidth: 200 }}
                    disabled={disabled}
                    value={otherId ?? undefined}
                    onChange={(v: string) => setOtherId(v)}
                    options={revisionOptions}
                  />
                </Space>
              ) : null}
              <Button
                disabled={callable.length === 0}
                onClick={() =>
                  navigate(
                    comparisonLink(
                      service,
                      projectId,
                      [revisionId ?? callable[0]?.id, compare ? otherId : null],
                      prompt,
                    ),
                  )
                }
              >
                {t("playground.startEvaluation")}
              </Button>
            </Space>
            <Row gutter={[12, 12]}>
              {chats.map((chat, i) => (
                <Col key={i === 0 ? "left" : "right"} xs={24} md={compare ? 12 : 24}>
                  <ChatColumn chat={chat} title={titleOf(i === 0 ? revisionId : otherId)} />
                </Col>
              ))}
            </Row>
            <Input.TextArea
              aria-label={t("playground.prompt")}
              placeholder={t("playground.promptPlaceholder")}
              autoSize={{ minRows: 2, maxRows: 8 }}
              disabled={disabled}
              value={prompt}
              onChange={(e) => setPrompt(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  send();
                }
              }}
            />
            <Space wrap>
              <Button type="primary" icon={<SendOutlined />} disabled={!canSend} onClick={send}>
                {t("playground.send")}
              </Button>
              <Button
                icon={<StopOutlined />}
                disabled={!busy}
                onClick={() => {
                  for (const c of chats) c.stop();
                }}
              >
                {t("playground.stop")}
              </Button>
              <Button
                icon={<ClearOutlined />}
                disabled={chats.every((c) => c.turns.length === 0 && !c.busy)}
                onClick={() => {
                  left.clear();
                  right.clear();
                }}
              >
                {t("playground.clear")}
              </Button>
              {toSend === null ? (
                <Typography.Text type="danger">{t("playground.params.schemaInvalid")}</Typography.Text>
              ) : null}
            </Space>
          </Space>
        </Col>
        <Col xs={24} xl={7}>
          <Collapse
            defaultActiveKey={["params"]}
            items={[
              {
                key: "params",
                label: t("playground.params.title"),
                children: <PlaygroundParamsPanel value={state} onChange={setState} />,
              },
            ]}
          />
        </Col>
      </Row>
    </Space>
  );
}
