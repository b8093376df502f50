import { SearchOutlined } from "@ant-design/icons";
import { Button, Typography } from "antd";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

// The dialog (Input, List, Modal, the project query) is its own chunk: pages render without it.
const GlobalSearchDialog = lazy(() =>
  import("./global-search-dialog").then((m) => ({ default: m.GlobalSearchDialog })),
);

/** Cmd/Ctrl+K: jump to a page of the current scope or to a project by name or id. */
export function GlobalSearch({ tenantId, projectId }: { tenantId: string; projectId?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so closing keeps the dialog's exit animation.
  const [opened, setOpened] = useState(false);
  const show = () => {
    setOpened(true);
    setOpen(true);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpened(true);
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <Button icon={<SearchOutlined />} onClick={show} aria-keyshortcuts="Control+K Meta+K">
        <span className="infera-hide-narrow">{t("search.button")}</span>
        <Typography.Text type="secondary" keyboard className="infera-hide-narrow">
          Ctrl K
        </Typography.Text>
      </Button>
      {opened ? (
        <Suspense fallback={null}>
          <GlobalSearchDialog
            tenantId={tenantId}
            projectId={projectId}
            open={open}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
