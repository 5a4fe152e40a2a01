import { Alert, Card, Input, Select, Space, Table, type TableProps, Typography } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { type Page, type Project, projectEndpoints, type WorkflowState } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { noKeysetPages, pageRequest, rememberPage } from "../../lib/keysetPages.ts";
import { formatWanYuan, parseYuan } from "../../lib/rules.ts";
import { useWorkspace } from "../../workspace.tsx";
import { CarryForwardButton } from "../library/CarryForwardButton.tsx";
import { ActionTag } from "../results/RecommendationView.tsx";
import { useRecommendationMap } from "../results/useRecommendationMap.ts";
import { NewProjectButton } from "./ProjectForms.tsx";
import { RevisionTag } from "./ProjectRevision.tsx";
import { STATE_TEXT, StateTag } from "./states.tsx";

const STATES: WorkflowState[] = ["draft", "submitted", "unit_approved", "returned", "approved"];

/** Projects of the chosen organisation's subtree and year: filter by state, search, sort and page on the server. */
export default function ProjectListPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  // The to-do badge opens the list filtered on what waits for this user: returned ones for a filler, submitted
  // ones for a unit approver, unit-approved ones for a reviewer (the server's to-do count counts the same).
  const todoState: WorkflowState | undefined = params.get("todo") === "1" ? waitingFor(user?.roles ?? []) : undefined;
  const state = (params.get("state") as WorkflowState | null) ?? todoState;
  const [q, setQ] = useState(params.get("q") ?? "");
  const [sort, setSort] = useState<{ sort: string; order: "asc" | "desc" }>({ sort: "name", order: "asc" });
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [data, setData] = useState<Page<Project>>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  // The next page is asked by the cursor the page before answered (the same cost at any depth), a jump by number.
  const cursors = useRef(noKeysetPages());
  const query = useMemo(() => {
    const filter = {
      orgId: ws.orgId,
      year: ws.year,
      state,
      q: params.get("q") || undefined,
      ...sort,
      pageSize: paging.pageSize,
    };
    const key = JSON.stringify(filter);
    return { key, page: paging.page, request: { ...filter, ...pageRequest(cursors.current, key, paging.page) } };
  }, [ws.orgId, ws.year, state, params, sort, paging]);

  useEffect(() => {
    if (!query.request.orgId) return;
    let live = true;
    setLoading(true);
    projectEndpoints.list(query.request).then(
      (r) => {
        if (!live) return;
        cursors.current = rememberPage(cursors.current, query.key, query.page, r.nextCursor);
        setData(r);
        setError(undefined);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(describeError(e, lang));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [query, lang]);

  const money = (v: string | null) => (v == null ? "—" : formatWanYuan(parseYuan(v)));
  const sortOrder = (key: string) =>
    sort.sort === key ? (sort.order === "asc" ? ("ascend" as const) : ("descend" as const)) : null;

  // 结果应用建议 beside each project for the reviewer (when some project continues one of last year)
  const recommendations = useRecommendationMap(ws.orgId, ws.year, !!user?.roles?.includes("reviewer"));
  const columns: TableProps<Project>["columns"] = [
    { title: zh ? "项目编码" : "Code", dataIndex: "code", width: 150, sorter: true, sortOrder: sortOrder("code") },
    {
      title: zh ? "项目名称" : "Project",
      dataIndex: "name",
      sorter: true,
      sortOrder: sortOrder("name"),
      // Revisions of one project (预算调整) are rows of their own: the tag tells them apart.
      render: (name: string, p) => (
        <Space size={4}>
          <Link to={`/projects/${p.id}`} data-testid="project-link">
            {name}
          </Link>
          <RevisionTag project={p} testId="project-list-revision" />
        </Space>
      ),
    },
    { title: zh ? "单位" : "Organisation", dataIndex: "orgName", width: 220, ellipsis: true },
    {
      title: zh ? "年度资金（万元）" : "Annual funds (万元)",
      dataIndex: "annualFunds",
      width: 150,
      align: "right",
      sorter: true,
      sortOrder: sortOrder("annualFunds"),
      render: money,
    },
    ...(recommendations.size > 0
      ? [
          {
            title: zh ? "结果应用建议" : "Recommendation",
            width: 110,
            render: (_: unknown, p: Project) => {
              const r = recommendations.get(p.id);
              return r ? <ActionTag r={r} compact /> : "—";
            },
          },
        ]
      : []),
    {
      title: zh ? "状态" : "State",
      dataIndex: "state",
      // the longest state (单位已审核，待主管/财政审核) fits beside 更新时间 at 1366×768
      width: 230,
      sorter: true,
      sortOrder: sortOrder("state"),
      render: (s: WorkflowState) => <StateTag state={s} />,
    },
    {
      title: zh ? "更新时间" : "Updated",
      dataIndex: "updatedAt",
      width: 170,
      sorter: true,
      sortOrder: sortOrder("updatedAt"),
      render: (v: string) => new Date(v).toLocaleString(zh ? "zh-CN" : "en-GB"),
    },
  ];

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === "state") next.delete("todo");
    setParams(next, { replace: true });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <Card
      size="small"
      title={
        <Typography.Title level={5} style={{ margin: 0 }}>
          {zh ? "项目" : "Projects"}
        </Typography.Title>
      }
      extra={
        user?.roles.includes("filler") ? (
          <Space>
            {ws.orgId && (
              <CarryForwardButton orgId={ws.orgId} year={ws.year} onDone={() => setPaging((p) => ({ ...p }))} />
            )}
            <NewProjectButton />
          </Space>
        ) : undefined
      }
      data-testid="project-list"
    >
      <Space orientation="vertical" style={{ width: "100%" }} size={12}>
        <Space wrap>
          <Input.Search
            data-testid="project-search"
            allowClear
            placeholder={zh ? "搜索项目名称或编码" : "Search name or code"}
            style={{ width: 280 }}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setParam("q", v.trim() || undefined)}
          />
          <Select
            data-testid="project-state-filter"
            allowClear
            placeholder={zh ? "全部状态" : "All states"}
            style={{ width: 160 }}
            value={state}
            onChange={(v?: WorkflowState) => setParam("state", v)}
            options={STATES.map((s) => ({ value: s, label: STATE_TEXT[s][zh ? 0 : 1] }))}
          />
          {todoState && <Typography.Text type="warning">{zh ? "待我处理" : "Waiting for me"}</Typography.Text>}
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        <Table<Project>
          rowKey="id"
          size="small"
          virtual
          scroll={{ y: 520, x: 1000 }}
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [50, 100, 200],
            showTotal: (n) => (zh ? `共 ${n} 个项目` : `${n} projects`),
          }}
          onChange={(pg, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.order ? String(s.field) : "name";
            setSort({ sort: field, order: s?.order === "descend" ? "desc" : "asc" });
            setPaging({ page: pg.current ?? 1, pageSize: pg.pageSize ?? 50 });
          }}
        />
      </Space>
    </Card>
  );
}

function waitingFor(roles: readonly string[]): WorkflowState | undefined {
  if (roles.includes("filler")) return "returned";
  if (roles.includes("unit_approver")) return "submitted";
  if (roles.includes("reviewer")) return "unit_approved";
  return undefined;
}
