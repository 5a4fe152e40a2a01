import { DownloadOutlined } from "@ant-design/icons";
import { Button, Dropdown, Tooltip } from "antd";
import { useEffect, useState } from "react";
import { API_BASE } from "../api/client.ts";
import { useI18n } from "../i18n.tsx";
import { serverPaths } from "../lib/capabilities.ts";

const FORMATS = [
  ["docx", "Word (docx)"],
  ["xlsx", "Excel (xlsx)"],
  ["pdf", "PDF"],
] as const;

/**
 * 导出: the record as its official document, downloaded from GET /exports/{type}/{id}?format=… (the session
 * cookie is enough for a read). Disabled, saying why, while the server does not offer the route.
 */
export function ExportButton({
  type,
  id,
}: {
  type: "project" | "goal" | "evaluation" | "duties" | "budget";
  id: string;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [available, setAvailable] = useState<boolean>();
  useEffect(() => {
    let live = true;
    serverPaths().then(
      (p) => live && setAvailable(p.has("/api/v1/exports/{type}/{id}") || p.has("/exports/{type}/{id}")),
    );
    return () => {
      live = false;
    };
  }, []);
  if (!available)
    return (
      <Tooltip title={zh ? "服务器尚未提供导出功能。" : "The server does not offer exports yet."}>
        <Button icon={<DownloadOutlined />} disabled data-testid="export-disabled">
          {zh ? "导出" : "Export"}
        </Button>
      </Tooltip>
    );
  return (
    <Dropdown
      menu={{
        items: FORMATS.map(([f, label]) => ({
          key: f,
          label: (
            <a href={`${API_BASE}/exports/${type}/${id}?format=${f}`} download data-testid={`export-${f}`}>
              {label}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="export">
        {zh ? "导出" : "Export"}
      </Button>
    </Dropdown>
  );
}
