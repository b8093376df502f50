import { Alert, Card, Collapse, Empty, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { InlineError } from "../../../../components/error-state/inline-error";
import type { PlaygroundChat } from "./use-playground-chat";

/**
 * One conversation: the turns, the answer streaming in (announced politely to screen readers), each
 * answer's token usage, the route's error, and the raw request and response.
 */
export function ChatColumn({ chat, title }: { chat: PlaygroundChat; title: string }) {
  const { t } = useTranslation();
  const usageText = (u: { prompt_tokens: number; completion_tokens: number; total_tokens: number }) =>
    t("playground.usage", {
      prompt: u.prompt_tokens,
      completion: u.completion_tokens,
      total: u.total_tokens,
    });
  return (
    <Card size="small" title={title} extra={chat.answeredBy ? <Tag>{chat.answeredBy}</Tag> : null}>
      <section aria-label={t("playground.conversation", { title })}>
        {chat.turns.length === 0 && chat.partial === null ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("playground.empty")} />
        ) : (
          <Space orientation="vertical" style={{ width: "100%" }} size={8}>
            {chat.turns.map((turn, i) => (
              <div
                // The conversation only grows or is cleared: its index is its identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={i}
                className={`infera-playground-turn infera-playground-${turn.role}`}
                data-role={turn.role}
              >
                <Typography.Text strong>{t(`playground.role.${turn.role}`)}</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
                  {turn.content}
                </Typography.Paragraph>
                {turn.stopped ? <Tag color="orange">{t("playground.stopped")}</Tag> : null}
                {turn.usage ? (
                  <Typography.Text type="secondary" className="infera-playground-usage">
                    {usageText(turn.usage)}
                  </Typography.Text>
                ) : null}
              </div>
            ))}
            {chat.partial !== null ? (
              <div className="infera-playground-turn infera-playground-streaming" data-role="assistant">
                <Typography.Text strong>{t("playground.role.assistant")}</Typography.Text>
                <Typography.Paragraph
                  aria-live="polite"
                  aria-busy={chat.busy}
                  style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}
                >
                  {chat.partial}
                </Typography.Paragraph>
              </div>
            ) : null}
          </Space>
        )}
        {chat.busy && chat.partial === null ? (
          <Alert type="info" showIcon title={t("playground.waiting")} style={{ marginTop: 8 }} />
        ) : null}
        {chat.error ? <InlineError error={chat.error} /> : null}
      </section>
      <Collapse
        size="small"
        style={{ marginTop: 12 }}
        items={[
          {
            key: "request",
            label: t("playground.rawRequest"),
            children: (
              <section aria-label={t("playground.rawRequest")}>
                <pre className="infera-playground-raw">{chat.rawRequest ?? t("playground.rawNone")}</pre>
              </section>
            ),
          },
          {
            key: "response",
            label: t("playground.rawResponse"),
            children: (
              <section aria-label={t("playground.rawResponse")}>
                <pre className="infera-playground-raw">{chat.rawResponse ?? t("playground.rawNone")}</pre>
              </section>
            ),
          },
        ]}
      />
    </Card>
  );
}
