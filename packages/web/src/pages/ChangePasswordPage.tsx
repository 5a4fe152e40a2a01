import { Alert, App as AntApp, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { endpoints } from "../api/endpoints.ts";
import { useAuth } from "../auth.tsx";
import { useI18n } from "../i18n.tsx";
import { describeError } from "../lib/errors.ts";

/** Password change; the only page open to someone who must still change their initial password. */
export default function ChangePasswordPage() {
  const { t, lang } = useI18n();
  const { user, refresh } = useAuth();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ display: "flex", justifyContent: "center", padding: 48 }}>
      <Card style={{ width: 420 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t("password.title")}
        </Typography.Title>
        {user?.mustChangePassword && (
          <Alert type="warning" showIcon title={t("password.mustChange")} style={{ marginBottom: 12 }} />
        )}
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="password-error" />
        )}
        <Form
          layout="vertical"
          onFinish={async (v: { current: string; next: string }) => {
            setBusy(true);
            setError(undefined);
            try {
              await endpoints.changePassword(v.current, v.next);
              await refresh();
              message.success(t("password.done"));
              navigate("/", { replace: true });
            } catch (e) {
              setError(describeError(e, lang));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="current" label={t("password.current")} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="next" label={t("password.new")} rules={[{ required: true }]} extra={t("password.rules")}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t("password.repeat")}
            dependencies={["next"]}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue("next") === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("password.mismatch"))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t("password.title")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
