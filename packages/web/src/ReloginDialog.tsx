/** The sign-in dialog over the page when the session expired (auth.tsx): the page below stays as it was. */
import { App as AntApp, Button, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useI18n } from "./i18n.tsx";
import { describeError } from "./lib/errors.ts";

export default function ReloginDialog(props: {
  open: boolean;
  username: string | undefined;
  onDone(ok: boolean): void;
  login(u: string, p: string): Promise<void>;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={props.open}
      title={t("login.title")}
      footer={null}
      maskClosable={false}
      onCancel={() => props.onDone(false)}
      destroyOnHidden
    >
      <p>{t("login.expired")}</p>
      <Form
        layout="vertical"
        initialValues={{ username: props.username }}
        onFinish={async (v: { username: string; password: string }) => {
          setBusy(true);
          try {
            await props.login(props.username ?? v.username, v.password);
            props.onDone(true);
          } catch (e) {
            message.error(describeError(e, lang));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="username" label={t("login.username")} rules={[{ required: true }]}>
          <Input autoComplete="username" disabled={Boolean(props.username)} data-testid="relogin-username" />
        </Form.Item>
        <Form.Item name="password" label={t("login.password")} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" autoFocus data-testid="relogin-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="relogin-submit">
          {t("login.submit")}
        </Button>
      </Form>
    </Modal>
  );
}
