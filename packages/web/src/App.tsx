import { App as AntApp, ConfigProvider, Spin } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { lazy, type ReactNode, Suspense, useEffect } from "react";
import {
  createBrowserRouter,
  createRoutesFromElements,
  Navigate,
  Outlet,
  Route,
  RouterProvider,
  useLocation,
} from "react-router-dom";
import { AuthProvider, useAuth } from "./auth.tsx";
import { I18nProvider, useI18n } from "./i18n.tsx";
import { AppLayout, visibleMenu } from "./layout/AppLayout.tsx";
import { usePrefersReducedMotion } from "./lib/reducedMotion.ts";
import { WorkspaceProvider } from "./workspace.tsx";

// Every page is its own chunk: the first screen loads only the shell.
const LoginPage = lazy(() => import("./pages/LoginPage.tsx"));
const DashboardPage = lazy(() => import("./pages/DashboardPage.tsx"));
const SelfEvaluationPage = lazy(() => import("./pages/selfEvaluation/SelfEvaluationPage.tsx"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage.tsx"));
const ProjectListPage = lazy(() => import("./pages/projects/ProjectListPage.tsx"));
const ProjectPage = lazy(() => import("./pages/projects/ProjectPage.tsx"));
const AdminPage = lazy(() => import("./pages/admin/AdminPage.tsx"));
const AuditPage = lazy(() => import("./pages/admin/AuditPage.tsx"));
const BudgetPage = lazy(() => import("./pages/budget/BudgetPage.tsx"));
const DutiesPage = lazy(() => import("./pages/duties/DutiesPage.tsx"));
const GoalsPage = lazy(() => import("./pages/goals/GoalsPage.tsx"));
const GoalPage = lazy(() => import("./pages/goals/GoalPage.tsx"));
const ImportPage = lazy(() => import("./pages/import/ImportPage.tsx"));
const BatchExportPage = lazy(() => import("./pages/exports/BatchExportPage.tsx"));
const MonitoringPage = lazy(() => import("./pages/monitoring/MonitoringPage.tsx"));
const RectificationPage = lazy(() => import("./pages/rectification/RectificationPage.tsx"));
const RectificationItemPage = lazy(() => import("./pages/rectification/ItemPage.tsx"));
const LibraryPage = lazy(() => import("./pages/library/LibraryPage.tsx"));
const ResultsPage = lazy(() => import("./pages/results/ResultsPage.tsx"));
const MonitoringRecordPage = lazy(() => import("./pages/monitoring/RecordPage.tsx"));
const DeadlinesPage = lazy(() => import("./pages/deadlines/DeadlinesPage.tsx"));
const ChangePasswordPage = lazy(() => import("./pages/ChangePasswordPage.tsx"));
const ExpertsPage = lazy(() => import("./pages/experts/ExpertsPage.tsx"));
const ExpertTaskPage = lazy(() => import("./pages/experts/TaskPage.tsx"));
const ExpertAssignmentPage = lazy(() => import("./pages/experts/AssignmentPage.tsx"));

function Loading() {
  return (
    <div style={{ padding: 64, textAlign: "center" }}>
      <Spin />
    </div>
  );
}

function RequireAuth({ children, workspace = true }: { children: ReactNode; workspace?: boolean }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // An initial password is changed before anything else (the server refuses everything else meanwhile).
  if (user.mustChangePassword && location.pathname !== "/password") return <Navigate to="/password" replace />;
  return workspace ? <WorkspaceProvider>{children}</WorkspaceProvider> : children;
}

/** The first page: the dashboard for business roles, the first page an administrator may use otherwise. */
function Home() {
  const { user } = useAuth();
  const first = visibleMenu(user?.roles)[0];
  if (first && first.path !== "/") return <Navigate to={first.path} replace />;
  return <DashboardPage />;
}

function Localised({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  useEffect(() => {
    dayjs.locale(lang === "zh" ? "zh-cn" : "en");
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === "zh" ? zhCN : enUS}
      theme={{ token: { colorPrimary: "#1f5fbf", borderRadius: 4, motion: !reducedMotion } }}
      componentSize="middle"
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/**
 * The routes in a data router (createBrowserRouter): the leave-page guard (lib/leaveGuard.tsx) needs its
 * navigation blocker, which a plain BrowserRouter does not offer.
 */
const router = createBrowserRouter(
  createRoutesFromElements(
    <Route
      element={
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      }
    >
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/password"
        element={
          <RequireAuth workspace={false}>
            <ChangePasswordPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path="budget" element={<BudgetPage />} />
        <Route path="projects" element={<ProjectListPage />} />
        <Route path="projects/:id" element={<ProjectPage />} />
        <Route path="duties" element={<DutiesPage />} />
        <Route path="goals" element={<GoalsPage />} />
        <Route path="goals/:id" element={<GoalPage />} />
        <Route path="monitoring" element={<MonitoringPage />} />
        <Route path="rectification" element={<RectificationPage />} />
        <Route path="rectification/:id" element={<RectificationItemPage />} />
        <Route path="library" element={<LibraryPage />} />
        <Route path="experts" element={<ExpertsPage />} />
        <Route path="experts/tasks/:id" element={<ExpertTaskPage />} />
        <Route path="experts/assignments/:id" element={<ExpertAssignmentPage />} />
        <Route path="results" element={<ResultsPage />} />
        <Route path="monitoring/records/:id" element={<MonitoringRecordPage />} />
        <Route path="deadlines" element={<DeadlinesPage />} />
        <Route path="self-evaluation" element={<SelfEvaluationPage />} />
        <Route path="self-evaluation/:id" element={<SelfEvaluationPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="exports" element={<BatchExportPage />} />
        <Route path="admin" element={<AdminPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Route>,
  ),
);

export function App() {
  return (
    <I18nProvider>
      <Localised>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </Localised>
    </I18nProvider>
  );
}
