import { Alert, Button, Card, Space, Spin, Typography } from "antd";
import { lazy, type ReactNode, useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { ApiError } from "../api/client.ts";
import { useI18n } from "../i18n.tsx";
import { describeError } from "../lib/errors.ts";

const NotFoundPage = lazy(() => import("../pages/NotFoundPage.tsx"));

/** Whether the server's answer means "no such record here" (a foreign organisation's record looks the same). */
export const isNotFound = (e: unknown): boolean => e instanceof ApiError && (e.status === 404 || e.status === 400);

/**
 * One record read for a record page (a project, a goal): `read` (stable, from `useCallback`) runs on mount and
 * whenever it changes; `load` reads again (after a save or a workflow step). A 404 or 400 sets `missing`; any
 * other failure `error`, in the user's language.
 */
export function useRecord<T>(read: () => Promise<T>) {
  const { lang } = useI18n();
  const [data, setData] = useState<T>();
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setData(await read());
      setError(undefined);
    } catch (e) {
      if (isNotFound(e)) setMissing(true);
      else setError(describeError(e, lang));
    }
  }, [read, lang]);

  useEffect(() => {
    setMissing(false);
    setData(undefined);
    load();
  }, [load]);

  return { data, missing, error, load };
}

/**
 * What a record page shows until its record is there: not found, the error (with a retry when given), or a
 * spinner while it loads.
 */
export function RecordStatus({ missing, error, onRetry }: { missing: boolean; error?: string; onRetry?(): void }) {
  const { lang } = useI18n();
  if (missing) return <NotFoundPage />;
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={error}
        action={onRetry && <Button onClick={onRetry}>{lang === "zh" ? "重试" : "Retry"}</Button>}
      />
    );
  return <Spin style={{ display: "block", margin: 64 }} />;
}

/**
 * The head of a record page: the way back to its list, its title, its state and version beside it, the actions on
 * the right (workflow, export, publish) and, below, what came back with a return.
 */
export function RecordHeader(p: {
  back: { to: string; label: string };
  title: ReactNode;
  titleTestId: string;
  tags: ReactNode;
  actions: ReactNode;
  notice: ReactNode;
}) {
  return (
    <Card size="small">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Space>
          <Link to={p.back.to}>{p.back.label}</Link>
          <Typography.Text type="secondary">/</Typography.Text>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid={p.titleTestId}>
            {p.title}
          </Typography.Title>
          {p.tags}
        </Space>
        <Space>{p.actions}</Space>
      </Space>
      {p.notice}
    </Card>
  );
}
