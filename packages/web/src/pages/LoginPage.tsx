import { LockOutlined, TranslationOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { useAuth } from "../auth.tsx";
import { useI18n } from "../i18n.tsx";
import { describeError } from "../lib/errors.ts";

export default function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
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
        <Form
          layout="vertical"
          onFinish={async (v: { username: string; password: string }) => {
            setBusy(true);
            setError(undefined);
            try {
              await login(v.username, v.password);
              navigate(from, { replace: true });
            } catch (e) {
              setError(describeError(e, lang));
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
