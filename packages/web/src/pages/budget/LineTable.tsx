import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Input, Select, Table } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n.tsx";
import { readWan } from "./model.ts";

export interface LineColumn<T> {
  key: keyof T & string;
  title: string;
  width?: number;
  /** money: 万元 text, checked by core as typed; select: one of `options`. */
  kind?: "text" | "money" | "select";
  options?: { value: string; label: string }[];
}

/**
 * Lines of a budget section as a table of inputs (read only: their text), with extra columns computed from the
 * line (the live checks) and a row to add or remove lines. Test ids: `<testId>-<row>-<key>`.
 */
export function LineTable<T extends object>(p: {
  testId: string;
  rows: T[];
  columns: LineColumn<T>[];
  extra?: { title: string; width?: number; render(row: T, index: number): ReactNode }[];
  editable: boolean;
  onChange(rows: T[]): void;
  empty(): T;
  footer?: ReactNode;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const set = (i: number, key: keyof T, v: string) =>
    p.onChange(p.rows.map((r, k) => (k === i ? ({ ...r, [key]: v } as T) : r)));
  return (
    <div data-testid={p.testId}>
      <Table<{ row: T; i: number }>
        size="small"
        bordered
        pagination={p.rows.length > 50 ? { pageSize: 50 } : false}
        rowKey={(r) => String(r.i)}
        dataSource={p.rows.map((row, i) => ({ row, i }))}
        scroll={{ x: "max-content" }}
        columns={[
          ...p.columns.map((c) => ({
            title: c.title,
            width: c.width,
            align: c.kind === "money" ? ("right" as const) : undefined,
            render: (_: unknown, { row, i }: { row: T; i: number }) => {
              const v = String(row[c.key] ?? "");
              const id = `${p.testId}-${i}-${c.key}`;
              if (!p.editable) {
                const shown = c.kind === "select" ? (c.options?.find((o) => o.value === v)?.label ?? v) : v;
                return <span data-testid={id}>{shown}</span>;
              }
              if (c.kind === "select") {
                return (
                  <Select
                    size="small"
                    style={{ width: "100%" }}
                    data-testid={id}
                    aria-label={`${c.title} ${i + 1}`}
                    value={v}
                    options={c.options}
                    onChange={(x) => set(i, c.key, x)}
                  />
                );
              }
              const bad = c.kind === "money" && !!readWan(v, lang).error;
              return (
                <Input
                  size="small"
                  data-testid={id}
                  aria-label={`${c.title} ${i + 1}`}
                  status={bad ? "error" : undefined}
                  style={c.kind === "money" ? { textAlign: "right" } : undefined}
                  value={v}
                  onChange={(e) => set(i, c.key, e.target.value)}
                />
              );
            },
          })),
          ...(p.extra ?? []).map((x) => ({
            title: x.title,
            width: x.width,
            render: (_: unknown, { row, i }: { row: T; i: number }) => x.render(row, i),
          })),
          ...(p.editable
            ? [
                {
                  title: "",
                  width: 40,
                  render: (_: unknown, { i }: { row: T; i: number }) => (
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={zh ? "删除此行" : "Delete the line"}
                      data-testid={`${p.testId}-${i}-delete`}
                      onClick={() => p.onChange(p.rows.filter((_, k) => k !== i))}
                    />
                  ),
                },
              ]
            : []),
        ]}
        footer={
          p.footer || p.editable
            ? () => (
                <div style={{ display: "flex", justifyContent: "space-between", gap: 12, alignItems: "center" }}>
                  <div>{p.footer}</div>
                  {p.editable && (
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      data-testid={`${p.testId}-add`}
                      onClick={() => p.onChange([...p.rows, p.empty()])}
                    >
                      {zh ? "新增一行" : "Add a line"}
                    </Button>
                  )}
                </div>
              )
            : undefined
        }
      />
    </div>
  );
}
