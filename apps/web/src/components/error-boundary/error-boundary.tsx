import { Alert, Button } from "antd";
import { Component, type ErrorInfo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../error-state/error-message";

interface State {
  error: Error | null;
}

/**
 * What a crashed page shows. Lighter than ErrorState (no Descriptions/Collapse): the boundary sits
 * in the entry chunk, which every page, the login page included, loads first.
 */
function CrashedPage({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t("errors.title")}
      description={
        <>
          <div>{errorMessage(error, t)}</div>
          <details style={{ marginTop: 8 }}>
            <summary>{t("errors.showDetails")}</summary>
            <pre style={{ margin: 0, whiteSpace: "pre-wrap" }}>{String(error.stack ?? error)}</pre>
          </details>
        </>
      }
      action={
        <Button size="small" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      }
    />
  );
}

/** Catches a render error in a page so the shell stays usable; "retry" renders the page again. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: unknown }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("render error", error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: unknown }): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (this.state.error) {
      return <CrashedPage error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
