import { DownloadOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { type ExportFormat, exportUrls } from "./api.ts";

const FORMATS: [ExportFormat, string][] = [
  ["xlsx", "Excel (xlsx)"],
  ["docx", "Word (docx)"],
  ["pdf", "PDF"],
];

/**
 * 导出监控表: one record's 项目支出（部门整体）绩效运行监控表, or a round's records in your scope as one zip (a folder per
 * unit), in xlsx, docx or PDF — downloaded from the monitoring export routes (audited by the server).
 */
export function FormExport({ of, id, zh }: { of: "record" | "round"; id: string; zh: boolean }) {
  return (
    <Dropdown
      menu={{
        items: FORMATS.map(([f, label]) => ({
          key: f,
          label: (
            <a href={exportUrls[of](id, f)} download data-testid={`${of}-export-${f}`}>
              {label}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid={`${of}-export`}>
        {of === "record" ? (zh ? "导出监控表" : "Export") : zh ? "批量导出（zip）" : "Export all (zip)"}
      </Button>
    </Dropdown>
  );
}
