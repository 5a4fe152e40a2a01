import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileZipOutlined,
  FormOutlined,
  FundOutlined,
  KeyOutlined,
  LogoutOutlined,
  MoneyCollectOutlined,
  ProjectOutlined,
  SettingOutlined,
  SolutionOutlined,
  ToolOutlined,
  TranslationOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Badge, Button, Dropdown, Layout, Menu, Select, Space, Spin, Tooltip, TreeSelect, Typography } from "antd";
import { type ReactNode, Suspense, useEffect, useMemo, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router-dom";
import { endpoints, type Role } from "../api/endpoints.ts";
import { useAuth } from "../auth.tsx";
import { NotificationCentre } from "../components/notifications/NotificationCentre.tsx";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { LeaveGuard, useGuardedChange } from "../lib/leaveGuard.tsx";
import { orgTree, useWorkspace } from "../workspace.tsx";

interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Roles that see the entry; business roles by default. */
  roles: Role[];
}

const BUSINESS: Role[] = ["filler", "unit_approver", "reviewer", "viewer"];

export const MENU: MenuEntry[] = [
  { path: "/", label: "menu.dashboard", icon: <DashboardOutlined />, roles: BUSINESS },
  { path: "/budget", label: "menu.budget", icon: <MoneyCollectOutlined />, roles: BUSINESS },
  { path: "/projects", label: "menu.projects", icon: <ProjectOutlined />, roles: BUSINESS },
  { path: "/duties", label: "menu.duties", icon: <ApartmentOutlined />, roles: BUSINESS },
  { path: "/goals", label: "menu.goals", icon: <AimOutlined />, roles: BUSINESS },
  { path: "/monitoring", label: "menu.monitoring", icon: <AlertOutlined />, roles: BUSINESS },
  { path: "/deadlines", label: "menu.deadlines", icon: <FieldTimeOutlined />, roles: BUSINESS },
  { path: "/rectification", label: "menu.rectification", icon: <ToolOutlined />, roles: BUSINESS },
  { path: "/library", label: "menu.library", icon: <BookOutlined />, roles: BUSINESS },
  { path: "/experts", label: "menu.experts", icon: <SolutionOutlined />, roles: ["reviewer", "expert"] },
  { path: "/results", label: "menu.results", icon: <FundOutlined />, roles: BUSINESS },
  { path: "/self-evaluation", label: "menu.selfEvaluation", icon: <FormOutlined />, roles: BUSINESS },
  { path: "/import", label: "menu.import", icon: <CloudUploadOutlined />, roles: ["filler", "unit_approver"] },
  { path: "/exports", label: "menu.exports", icon: <FileZipOutlined />, roles: BUSINESS },
  { path: "/admin", label: "menu.admin", icon: <SettingOutlined />, roles: ["sysadmin", "secadmin"] },
  { path: "/audit", label: "menu.audit", icon: <AuditOutlined />, roles: ["auditor"] },
];

export function visibleMenu(roles: Role[] | undefined): MenuEntry[] {
  if (!roles || roles.length === 0) return MENU;
  return MENU.filter((m) => m.roles.some((r) => roles.includes(r)));
}

function selectedKey(pathname: string): string {
  const hit = MENU.filter((m) => m.path !== "/" && pathname.startsWith(m.path)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
  return hit?.path ?? "/";
}

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useAuth();
  const ws = useWorkspace();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const guarded = useGuardedChange();
  const [todo, setTodo] = useState<TodoCounts & { byYear: (TodoCounts & { year: number })[] }>();

  // The to-do count over every unit and year the user can act on (each top organisation the user sees, with its
  // subtree, in each fiscal year), not only the ones chosen in the header; again after a workflow step (the page
  // says so by an event).
  const [todoTick, setTodoTick] = useState(0);
  const hasTodoRole = !!user?.roles.some((r) => r === "filler" || r === "unit_approver" || r === "reviewer");
  // An expert works on what is assigned to them only: no organisation or year to choose.
  const expertOnly = !!user && user.roles.length > 0 && user.roles.every((r) => r === "expert");
  useEffect(() => {
    const bump = () => setTodoTick((n) => n + 1);
    window.addEventListener("jixiao:todo-changed", bump);
    return () => window.removeEventListener("jixiao:todo-changed", bump);
  }, []);
  useEffect(() => {
    // Only the business roles have records waiting for them (an administrator or auditor asks nothing).
    if (!ws.loaded || todoTick < 0 || !hasTodoRole) return;
    const roots = ws.orgs.filter((o) => !ws.orgs.some((p) => p.id === o.parentId));
    const years = ws.years.length ? ws.years.map((y) => y.year) : [ws.year];
    if (roots.length === 0) return;
    let live = true;
    Promise.all(
      years.map(async (year) => {
        const counts = await Promise.all(roots.map((o) => endpoints.todoCount(o.id, year)));
        return { year, ...sumTodo(counts) };
      }),
    ).then(
      (byYear) => live && setTodo({ ...sumTodo(byYear), byYear: byYear.filter((y) => y.count > 0) }),
      () => live && setTodo(undefined),
    );
    return () => {
      live = false;
    };
  }, [ws.loaded, ws.orgs, ws.years, ws.year, todoTick, hasTodoRole]);

  const items = useMemo(
    () =>
      visibleMenu(user?.roles).map((m) => ({
        key: m.path,
        icon: m.icon,
        label: <Link to={m.path}>{t(m.label)}</Link>,
      })),
    [user?.roles, t],
  );
  const tree = useMemo(() => orgTree(ws.orgs), [ws.orgs]);
  const yearOptions = (ws.years.length ? ws.years.map((y) => y.year) : [ws.year]).map((y) => ({
    value: y,
    label: lang === "zh" ? `${y}年度` : String(y),
  }));

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={176} theme="dark">
        <div style={{ height: 56, display: "flex", alignItems: "center", justifyContent: "center", gap: 8 }}>
          <Typography.Text strong style={{ color: "#fff", fontSize: collapsed ? 16 : 18, whiteSpace: "nowrap" }}>
            {collapsed ? "绩" : lang === "zh" ? "绩效 · 预算绩效" : "Jixiao 绩效"}
          </Typography.Text>
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            padding: "0 16px",
            display: "flex",
            alignItems: "center",
            gap: 12,
            borderBottom: "1px solid #f0f0f0",
            height: 56,
            lineHeight: "56px",
          }}
        >
          {!expertOnly && (
            <Space size={8}>
              <Typography.Text type="secondary">{t("header.org")}</Typography.Text>
              <TreeSelect
                data-testid="org-switcher"
                style={{ width: 280 }}
                value={ws.orgId}
                treeData={tree}
                treeDefaultExpandAll
                showSearch
                treeNodeFilterProp="title"
                placeholder={t("header.org")}
                onChange={(v: string) => guarded(() => ws.setOrgId(v))}
                disabled={!ws.loaded}
                popupMatchSelectWidth={false}
              />
              <Typography.Text type="secondary">{t("header.year")}</Typography.Text>
              <Select
                data-testid="year-switcher"
                style={{ width: 110 }}
                value={ws.year}
                options={yearOptions}
                onChange={(y: number) => guarded(() => ws.setYear(y))}
              />
            </Space>
          )}
          <div style={{ flex: 1 }} />
          {hasTodoRole && (
            <Tooltip
              title={
                todo && todo.byYear.length > 0 ? (
                  <div data-testid="todo-by-year">
                    {todo.byYear.map((y) => (
                      <div key={y.year}>
                        {lang === "zh" ? `${y.year}年` : `${y.year}`}：{t("menu.projects")} {y.projects} ·{" "}
                        {t("menu.goals")} {y.goals} · {t("menu.selfEvaluation")} {y.evaluations} · {t("menu.budget")}{" "}
                        {y.budgets}
                        {y.rectification > 0 && (
                          <span data-testid={`todo-rectification-${y.year}`}>
                            {" "}
                            · {t("menu.rectification")} {y.rectification}
                            {y.rectificationOverdue > 0 &&
                              (lang === "zh"
                                ? `（逾期 ${y.rectificationOverdue}）`
                                : ` (${y.rectificationOverdue} overdue)`)}
                          </span>
                        )}
                      </div>
                    ))}
                  </div>
                ) : (
                  t("header.todo")
                )
              }
            >
              <Badge
                count={todo?.count ?? 0}
                size="small"
                data-testid="todo-badge"
                data-todo-years={JSON.stringify(Object.fromEntries((todo?.byYear ?? []).map((y) => [y.year, y.count])))}
              >
                <Button
                  type="text"
                  icon={<BellOutlined />}
                  onClick={() => {
                    // To the year that has the work (this year's first when it has some).
                    const at = todo?.byYear.find((y) => y.year === ws.year) ?? todo?.byYear[todo.byYear.length - 1];
                    if (at && at.year !== ws.year) ws.setYear(at.year);
                    navigate(todoPage(at));
                  }}
                  aria-label={t("header.todo")}
                />
              </Badge>
            </Tooltip>
          )}
          <NotificationCentre deadlines={hasTodoRole} />
          <Button
            type="text"
            icon={<TranslationOutlined />}
            onClick={() => setLang(lang === "zh" ? "en" : "zh")}
            data-testid="lang-switch"
          >
            {t("header.lang")}
          </Button>
          <Dropdown
            menu={{
              items: [
                { key: "password", icon: <KeyOutlined />, label: t("password.title") },
                { key: "logout", icon: <LogoutOutlined />, label: t("header.logout") },
              ],
              onClick: ({ key }) => {
                if (key === "password") navigate("/password");
                if (key === "logout") logout().finally(() => navigate("/login"));
              },
            }}
          >
            <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
              {user?.displayName ?? user?.username}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, overflow: "auto" }}>
          <Suspense
            fallback={
              <div style={{ padding: 48, textAlign: "center" }}>
                <Spin tip={t("common.loading")}>
                  <div style={{ height: 48 }} />
                </Spin>
              </div>
            }
          >
            <Outlet />
          </Suspense>
          <LeaveGuard />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Where the to-do badge leads: the projects waiting, else the goals, the self-evaluations, the budget. */
interface TodoCounts {
  count: number;
  projects: number;
  goals: number;
  evaluations: number;
  budgets: number;
  /** 绩效运行监控表 to fill, fix or approve. */
  monitoring: number;
  /** 整改 items to answer or to accept, and the overdue ones among them. */
  rectification: number;
  rectificationOverdue: number;
}

function sumTodo(list: TodoCounts[]): TodoCounts {
  const total: TodoCounts = {
    count: 0,
    projects: 0,
    goals: 0,
    evaluations: 0,
    budgets: 0,
    monitoring: 0,
    rectification: 0,
    rectificationOverdue: 0,
  };
  for (const c of list) {
    total.count += c.count;
    total.projects += c.projects;
    total.goals += c.goals;
    total.evaluations += c.evaluations;
    total.budgets += c.budgets;
    total.monitoring += c.monitoring;
    total.rectification += c.rectification ?? 0;
    total.rectificationOverdue += c.rectificationOverdue ?? 0;
  }
  return total;
}

function todoPage(
  todo:
    | {
        projects: number;
        goals: number;
        evaluations: number;
        budgets: number;
        monitoring: number;
        rectification: number;
        rectificationOverdue: number;
      }
    | undefined,
): string {
  // an overdue 整改 item first: it is late already
  if (todo && todo.rectificationOverdue > 0) return "/rectification?overdue=1";
  if (!todo || todo.projects > 0) return "/projects?todo=1";
  if (todo.goals > 0) return "/goals";
  if (todo.evaluations > 0) return "/self-evaluation";
  if (todo.budgets > 0) return "/budget";
  if (todo.monitoring > 0) return "/monitoring";
  if (todo.rectification > 0) return "/rectification";
  return "/projects?todo=1";
}
