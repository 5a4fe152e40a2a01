import { Alert, Input, Typography } from "antd";
import { type ClipboardEvent, useState } from "react";
import {
  choosePaste,
  htmlTableSize,
  type Paste,
  type PasteProblem,
  pasteFile,
  type TableSize,
  tsvSize,
} from "./api.ts";

const PROBLEM: Record<PasteProblem, [string, string]> = {
  empty: [
    "剪贴板中没有表格：请在 Excel、Word 或 WPS 中选中整个表格（含表头），按 Ctrl+C 复制，再点击此框按 Ctrl+V 粘贴。",
    "The clipboard holds no table: select the whole table (with its headings) in Excel, Word or WPS, copy it with Ctrl+C, then click this box and press Ctrl+V.",
  ],
  files: [
    "剪贴板中是图片或文件，不是表格的单元格：请在 Excel、Word 或 WPS 中选中表格后复制（不要截图）；文件请用「上传」。",
    "The clipboard holds a picture or a file, not a table's cells: select the table in Excel, Word or WPS and copy it (not a screenshot); upload files with Upload.",
  ],
};

/**
 * 粘贴表格: a box that takes a table pasted from Excel, Word or WPS — the clipboard's HTML when it holds a table
 * (merged cells as colspan / rowspan), else its tab-separated text — says how many rows × columns it got and hands
 * it on as a file (`粘贴的表格.html` / `.txt`) to the wizard's upload. Nothing typed stays in the box.
 */
export function PasteTable({ zh, disabled, onFile }: { zh: boolean; disabled: boolean; onFile: (file: File) => void }) {
  const [pasted, setPasted] = useState<{ format: Paste["format"]; size: TableSize & { tables?: number } }>();
  const [problem, setProblem] = useState<PasteProblem>();

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    e.preventDefault();
    if (disabled) return;
    const clip = {
      html: e.clipboardData.getData("text/html"),
      text: e.clipboardData.getData("text/plain"),
      files: e.clipboardData.files.length,
    };
    let paste = choosePaste(clip);
    const html = "format" in paste && paste.format === "html" ? htmlTableSize(paste.content) : undefined;
    // A <table> without a row (a fragment cut short): the text is what was copied.
    if (html?.rows === 0) paste = choosePaste({ ...clip, html: undefined });
    if ("problem" in paste) {
      setPasted(undefined);
      setProblem(paste.problem);
      return;
    }
    setProblem(undefined);
    setPasted({ format: paste.format, size: paste.format === "html" && html ? html : tsvSize(paste.content) });
    onFile(pasteFile(paste));
  };

  const what = (p: NonNullable<typeof pasted>) => {
    const { rows, columns, tables = 1 } = p.size;
    const of = tables > 1 ? (zh ? `${tables} 个表格，共 ` : `${tables} tables, `) : "";
    const format =
      p.format === "html"
        ? zh
          ? "带格式的表格（HTML）"
          : "a formatted table (HTML)"
        : zh
          ? "制表符分隔的文本"
          : "tab-separated text";
    return zh
      ? `已粘贴 ${of}${rows} 行 × ${columns} 列，${format}`
      : `Pasted ${of}${rows} rows × ${columns} columns, ${format}`;
  };

  return (
    <div data-testid="import-paste-card">
      <Typography.Text strong>{zh ? "粘贴表格" : "Paste a table"}</Typography.Text>
      <Input.TextArea
        data-testid="import-paste"
        aria-label={zh ? "粘贴表格" : "Paste a table"}
        value=""
        onChange={() => {}}
        onPaste={onPaste}
        disabled={disabled}
        autoSize={{ minRows: 4, maxRows: 4 }}
        style={{ marginTop: 4, resize: "none" }}
        placeholder={
          zh
            ? "在 Excel、Word 或 WPS 中选中表格并复制，点击此处按 Ctrl+V 粘贴（合并单元格保留）"
            : "Copy a table in Excel, Word or WPS, click here and press Ctrl+V (merged cells are kept)"
        }
      />
      {pasted && (
        <Typography.Text type="secondary" data-testid="import-paste-size">
          {what(pasted)}
        </Typography.Text>
      )}
      {problem && (
        <Alert
          data-testid="import-paste-problem"
          type="warning"
          showIcon
          style={{ marginTop: 4 }}
          title={PROBLEM[problem][zh ? 0 : 1]}
        />
      )}
    </div>
  );
}
