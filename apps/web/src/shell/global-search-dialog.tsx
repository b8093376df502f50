import { Input, List, Modal } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useTenantProjects } from "../shared/tenancy";
import { projectNav, tenantNav } from "./nav";

interface Result {
  key: string;
  label: string;
  hint: string;
  to: string;
}

/** The search box and its results: loaded the first time the user opens search. */
export function GlobalSearchDialog({
  tenantId,
  projectId,
  open,
  onClose,
}: {
  tenantId: string;
  projectId?: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const projects = useTenantProjects(open ? tenantId : undefined);

  const results = useMemo<Result[]>(() => {
    const needle = text.trim().toLowerCase();
    const tBase = `/t/${encodeURIComponent(tenantId)}`;
    const pages: Result[] = [
      ...tenantNav.map((n) => ({
        key: `t:${n.path}`,
        label: t(n.label) as string,
        hint: n.soon ? `${t("search.tenantPage")} · ${t("nav.soon")}` : t("search.tenantPage"),
        to: `${tBase}/${n.path}`,
      })),
      ...(projectId
        ? projectNav.map((n) => ({
            key: `p:${n.path}`,
            label: t(n.label) as string,
            hint: n.soon ? `${t("search.projectPage")} · ${t("nav.soon")}` : t("search.projectPage"),
            to: `${tBase}/p/${encodeURIComponent(projectId)}/${n.path}`,
          }))
        : []),
    ];
    const projectResults: Result[] = (projects.data?.data ?? []).map((p) => ({
      key: `proj:${p.id}`,
      label: p.name,
      hint: `${t("search.project")} · ${p.id}`,
      to: `${tBase}/p/${encodeURIComponent(p.id)}/dashboard`,
    }));
    const all = [...projectResults, ...pages];
    if (!needle) return all.slice(0, 12);
    return all
      .filter((r) => r.label.toLowerCase().includes(needle) || r.hint.toLowerCase().includes(needle))
      .slice(0, 20);
  }, [text, tenantId, projectId, projects.data, t]);

  const go = (r: Result | undefined) => {
    if (!r) return;
    onClose();
    setText("");
    navigate(r.to);
  };

  return (
    <Modal open={open} title={t("search.title")} footer={null} onCancel={onClose} destroyOnHidden>
      <Input
        autoFocus
        aria-label={t("search.placeholder")}
        placeholder={t("search.placeholder")}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => go(results[0])}
      />
      <List
        style={{ marginTop: 12, maxHeight: 360, overflow: "auto" }}
        dataSource={results}
        locale={{ emptyText: t("search.noResults") }}
        renderItem={(r) => (
          <List.Item key={r.key} style={{ cursor: "pointer" }} onClick={() => go(r)}>
            <List.Item.Meta
              title={
                <a
                  href={r.to}
                  onClick={(e) => {
                    e.preventDefault();
                    go(r);
                  }}
                >
                  {r.label}
                </a>
              }
              description={r.hint}
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}
