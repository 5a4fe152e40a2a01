import { CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from "@ant-design/icons";
import { Popover, Tag } from "antd";
import { memo } from "react";
import { useI18n } from "../../i18n.tsx";
import type { ReviewFinding, Severity } from "./api.ts";

export const SEVERITY_COLOR: Record<Severity, string> = { error: "#f5222d", warning: "#fa8c16", info: "#1677ff" };
export const SEVERITY_TEXT: Record<Severity, [string, string]> = {
  error: ["错误", "error"],
  warning: ["警告", "warning"],
  info: ["提示", "note"],
};
const TAG_COLOR: Record<Severity, string> = { error: "error", warning: "warning", info: "processing" };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The worst severity among the findings. */
export function worst(findings: readonly ReviewFinding[]): Severity | undefined {
  let w: Severity | undefined;
  for (const f of findings) if (!w || RANK[f.severity] < RANK[w]) w = f.severity;
  return w;
}

export function SeverityIcon({ severity }: { severity: Severity }) {
  const style = { color: SEVERITY_COLOR[severity] };
  if (severity === "error") return <CloseCircleFilled style={style} />;
  if (severity === "warning") return <ExclamationCircleFilled style={style} />;
  return <InfoCircleFilled style={style} />;
}

/** A key for a finding among others (its rule, place and message). */
export function findingKey(f: ReviewFinding): string {
  return `${f.rule}|${f.location.path ?? f.location.row ?? ""}|${f.message}`;
}

/** A finding's message in the interface language. */
export function findingText(f: ReviewFinding, zh: boolean): string {
  return zh ? f.message : f.messageEn || f.message;
}

/** The messages of a row's findings, worst first, each with its severity and rule. */
export function FindingList({ findings }: { findings: readonly ReviewFinding[] }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const sorted = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return (
    <div style={{ maxWidth: 420 }} data-testid="row-findings-popover">
      {sorted.map((f, i) => (
        <div key={findingKey(f)} style={{ marginBottom: i < sorted.length - 1 ? 6 : 0 }}>
          <Tag color={TAG_COLOR[f.severity]} style={{ marginRight: 6 }}>
            {SEVERITY_TEXT[f.severity][zh ? 0 : 1]}
          </Tag>
          <span data-testid="row-finding-message">{findingText(f, zh)}</span>
          <div style={{ color: "#999", fontSize: 12 }}>{f.rule}</div>
        </div>
      ))}
    </div>
  );
}

/**
 * The badge beside a row: an icon in the worst finding's colour (with the count when more than one); hovering
 * (or focusing) it lists the messages. Nothing when the row has no finding.
 */
export const RowFindings = memo(function RowFindings({
  findings,
  testId = "row-findings",
}: {
  findings: readonly ReviewFinding[] | undefined;
  testId?: string;
}) {
  const { lang } = useI18n();
  const w = findings && findings.length > 0 ? worst(findings) : undefined;
  if (!findings || !w) return null;
  const label =
    lang === "zh"
      ? `${findings.length} 项审核意见（${SEVERITY_TEXT[w][0]}）`
      : `${findings.length} review finding(s) (${SEVERITY_TEXT[w][1]})`;
  return (
    <Popover content={<FindingList findings={findings} />} trigger={["hover", "focus"]} placement="right">
      <span
        role="img"
        aria-label={label}
        tabIndex={-1}
        data-testid={testId}
        data-severity={w}
        data-count={findings.length}
        style={{ display: "inline-flex", alignItems: "center", gap: 2, cursor: "help", fontSize: 13 }}
      >
        <SeverityIcon severity={w} />
        {findings.length > 1 && <span style={{ fontSize: 11, color: SEVERITY_COLOR[w] }}>{findings.length}</span>}
      </span>
    </Popover>
  );
});
