import { Button, Select, Space, Table, Tag, Typography } from "antd";
import type { HTMLAttributes } from "react";
import type { Org } from "../../api/endpoints.ts";
import type { ImportUnit, ImportView, Sections } from "./api.ts";

/** What the server proposes for a unit: [zh, en, colour]. */
const ACTION: Record<ImportUnit["action"], [string, string, string]> = {
  department: ["本单位", "this organisation", "blue"],
  mapped: ["指定", "mapped", "purple"],
  matched: ["已有机构", "existing", "cyan"],
  create: ["新建下级单位", "new child", "green"],
};

const SECTION: [keyof Sections, string, string][] = [
  ["income", "收入", "income"],
  ["spending", "支出", "spending"],
  ["threePublic", "三公", "三公"],
  ["procurement", "政府采购", "procurement"],
  ["assets", "资产", "assets"],
];

/** The pages a committed unit opens on (route, zh, en); the unit becomes the organisation worked on. */
const OPEN_PAGES = [
  ["duties", "职责活动", "Duties"],
  ["budget", "部门预算", "Budget"],
] as const;

/** The organisations in `rootId`'s subtree (itself first), each with its depth below it, in tree order. */
export function subtreeOf(orgs: Org[], rootId: string): { org: Org; level: number }[] {
  const children = new Map<string, Org[]>();
  for (const o of orgs) if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  const root = orgs.find((o) => o.id === rootId);
  if (!root) return [];
  const out: { org: Org; level: number }[] = [];
  const walk = (o: Org, level: number) => {
    out.push({ org: o, level });
    for (const c of (children.get(o.id) ?? []).sort((a, b) => a.code.localeCompare(b.code))) walk(c, level + 1);
  };
  walk(root, 0);
  return out;
}

/** The plan rows of a unit: those naming it, and those naming none for the department (the first unit). */
function rowsOf(view: ImportView, unit: ImportUnit, first: boolean) {
  return view.plan.filter((p) => (p.unit ? p.unit === unit.unit : first) && p.kind !== "organisation");
}

/** A unit of the document is named in `unitOrgs` and in the server's errors by its name or its code. */
export function unitOfKey(units: ImportUnit[], key: string): ImportUnit | undefined {
  return units.find((u) => u.unit === key || u.code === key);
}

export interface UnitMappingProps {
  view: ImportView;
  orgs: Org[];
  zh: boolean;
  /** The user's choice by unit name: an organisation id (absent: the server's proposal). */
  choice: Record<string, string>;
  onChoose(unit: string, orgId: string | undefined): void;
  /** The server's refusal of a unit's mapping, by unit name. */
  refused: Record<string, string>;
  /** After the commit: open a page of the organisation the unit went into. */
  onOpen(orgId: string, page: "/duties" | "/budget"): void;
}

/**
 * 单位对应: each unit of the document, where the server proposes to put it (the chosen organisation, an existing
 * organisation under it, a new child, or why it cannot), a choice among the user's organisations under the chosen
 * one (sent as `unitOrgs` at commit), and what the unit brings (duties, its budget's sections).
 */
export function UnitMapping({ view, orgs, zh, choice, onChoose, refused, onOpen }: UnitMappingProps) {
  const units = view.units ?? [];
  const committed = view.state === "committed";
  const tree = subtreeOf(orgs, view.orgId);

  const proposal = (u: ImportUnit) => {
    const [lzh, len, colour] = ACTION[u.action];
    const org = u.orgName ? `${u.orgName}${u.orgCode ? `（${u.orgCode}）` : ""}` : "";
    return (
      <Space orientation="vertical" size={2}>
        <span>
          <Tag color={u.problem ? "red" : colour} data-testid="unit-action">
            {zh ? lzh : len}
          </Tag>
          {org}
        </span>
        {u.problem && (
          <Typography.Text type="danger" data-testid="unit-problem">
            {zh ? "无法新建：" : "Cannot be created: "}
            {zh ? u.problem.message : u.problem.messageEn}
          </Typography.Text>
        )}
      </Space>
    );
  };

  const defaultLabel = (u: ImportUnit) => {
    if (u.action === "create") {
      if (u.problem) return zh ? "无法新建下级单位，请选择机构" : "No new child can be created: choose one";
      return zh ? `新建下级单位「${u.unit}」` : `New child organisation "${u.unit}"`;
    }
    return zh ? `按建议：${u.orgName ?? "—"}` : `As proposed: ${u.orgName ?? "—"}`;
  };

  const brings = (u: ImportUnit, i: number) => {
    const rows = rowsOf(view, u, i === 0);
    const duties = rows.filter((r) => r.kind === "duty").length;
    const budget = rows.find((r) => r.kind === "budget");
    const parts: string[] = [];
    if (duties) parts.push(zh ? `${duties} 项职责` : `${duties} duties`);
    if (budget?.sections) {
      for (const [k, lzh, len] of SECTION) {
        const n = budget.sections[k];
        if (n) parts.push(zh ? `${lzh} ${n} 条` : `${len} ${n}`);
      }
    }
    const projects = rows.filter((r) => r.kind === "project").length;
    if (projects) parts.push(zh ? `${projects} 个项目` : `${projects} projects`);
    return parts.length ? parts.join(zh ? "、" : ", ") : zh ? "无表格（不建机构）" : "no table (no organisation)";
  };

  return (
    <Table<ImportUnit>
      size="small"
      data-testid="import-units"
      title={() => (
        <Typography.Text strong>
          {zh ? "单位对应" : "Units and organisations"}
          <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
            {zh
              ? " — 文件中的每个单位写入哪个机构；可改为所选单位或其下级的已有机构"
              : " — where each unit of the file goes; choose the selected organisation or one under it instead"}
          </Typography.Text>
        </Typography.Text>
      )}
      rowKey={(u) => u.unit}
      pagination={false}
      dataSource={units}
      onRow={(u) => ({ "data-testid": `unit-row-${u.code ?? u.unit}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: zh ? "文件中的单位" : "Unit in the file",
          render: (_: unknown, u) => (
            <span data-testid="unit-name">
              {u.unit}
              {u.code && <Tag style={{ marginLeft: 6 }}>{u.code}</Tag>}
            </span>
          ),
        },
        {
          title: committed ? (zh ? "写入的机构" : "Written into") : zh ? "建议" : "Proposed",
          render: (_: unknown, u) => proposal(u),
        },
        {
          title: zh ? "将写入" : "Receives",
          render: (_: unknown, u) => (
            <Typography.Text data-testid="unit-brings">{brings(u, units.indexOf(u))}</Typography.Text>
          ),
        },
        committed
          ? {
              title: zh ? "查看" : "Open",
              width: 200,
              render: (_: unknown, u) =>
                u.orgId && (
                  <Space size={0}>
                    {OPEN_PAGES.map(([page, z, e]) => (
                      <Button
                        key={page}
                        type="link"
                        size="small"
                        data-testid={`unit-open-${page}`}
                        onClick={() => onOpen(u.orgId!, `/${page}`)}
                      >
                        {zh ? z : e}
                      </Button>
                    ))}
                  </Space>
                ),
            }
          : {
              title: zh ? "对应到" : "Map to",
              width: 340,
              render: (_: unknown, u) => (
                <Space orientation="vertical" size={2} style={{ width: "100%" }}>
                  <Select
                    data-testid="unit-org"
                    style={{ width: "100%" }}
                    status={refused[u.unit] || (u.problem && !choice[u.unit]) ? "error" : undefined}
                    value={choice[u.unit] ?? ""}
                    onChange={(v: string) => onChoose(u.unit, v || undefined)}
                    options={[
                      { value: "", label: defaultLabel(u) },
                      ...tree.map(({ org, level }) => ({
                        value: org.id,
                        label: `${"　".repeat(level)}${org.name}（${org.code}）${level === 0 ? (zh ? " · 所选单位" : " · selected") : ""}`,
                      })),
                    ]}
                  />
                  {refused[u.unit] && (
                    <Typography.Text type="danger" data-testid="unit-refused">
                      {refused[u.unit]}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
      ]}
    />
  );
}
