import { LockOutlined, TranslationOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { ApiError } from "../api/client.ts";
import { useAuth } from "../auth.tsx";
import { useI18n } from "../i18n.tsx";
import { describeError } from "../lib/errors.ts";

/** The server's lockout: this many failed sign-ins in a row lock the account (packages/server http/context.ts). */
const LOCK_AFTER = 5;
const FAILS_KEY = "jixiao.loginFailures";

/** Failed sign-ins in a row in this tab, by user name (the server says nothing of its count, on purpose). */
function failuresOf(username: string): number {
  try {
    return (JSON.parse(sessionStorage.getItem(FAILS_KEY) ?? "{}") as Record<string, number>)[username] ?? 0;
  } catch {
    return 0;
  }
}
function setFailures(username: string, n: number): void {
  try {
    const all = JSON.parse(sessionStorage.getItem(FAILS_KEY) ?? "{}") as Record<string, number>;
    if (n > 0) all[username] = n;
    else delete all[username];
    sessionStorage.setItem(FAILS_KEY, JSON.stringify(all));
  } catch {
    // not kept
  }
}

export default function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [warning, setWarning] = useState<string>();
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  if (user) return <Navigate to={from} replace />;

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background: "linear-gradient(135deg, #e6f0ff 0%, #f5f7fa 60%)",
      }}
    >
      <Card style={{ width: 380 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline" }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t("appName")} <Typography.Text type="secondary">{t("appSubtitle")}</Typography.Text>
          </Typography.Title>
          <Button
            size="small"
            type="text"
            icon={<TranslationOutlined />}
            onClick={() => setLang(lang === "zh" ? "en" : "zh")}
          >
            {t("header.lang")}
          </Button>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {warning && (
          <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} data-testid="login-warning" />
        )}
        <Form
          layout="vertical"
          onFinish={async (v: { username: string; password: string }) => {
            setBusy(true);
            setError(undefined);
            setWarning(undefined);
            try {
              // Every sign-in opens on the latest year with records (workspace.tsx), not on the year left last time.
              try {
                localStorage.removeItem("jixiao.year");
              } catch {
                // nothing kept
              }
              await login(v.username, v.password);
              setFailures(v.username, 0);
              navigate(from, { replace: true });
            } catch (e) {
              setError(describeError(e, lang));
              if (e instanceof ApiError && e.code === "unauthenticated") {
                const n = failuresOf(v.username) + 1;
                setFailures(v.username, n);
                const left = LOCK_AFTER - n;
                // Before the last tries: how many are left before the lock.
                if (n >= 3 && left > 0)
                  setWarning(
                    lang === "zh"
                      ? `已连续输错 ${n} 次。再输错 ${left} 次，账户将被锁定；忘记密码请联系管理员重置。`
                      : `${n} failed sign-ins in a row. ${left} more and the account is locked; ask an administrator to reset a forgotten password.`,
                  );
              } else if (e instanceof ApiError && e.code === "account_locked") setFailures(v.username, 0);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="username"
            label={t("login.username")}
            rules={[{ required: true, message: t("login.required") }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("login.password")}
            rules={[{ required: true, message: t("login.required") }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="login-submit">
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
