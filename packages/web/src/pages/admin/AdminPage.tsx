import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { type Account, adminEndpoints, type Role } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { orgTree, useWorkspace } from "../../workspace.tsx";
import { ADMIN_ROLES, BUSINESS_ROLES, ROLE_TEXT } from "./roles.ts";

/**
 * Accounts for the two administrators, each with their own part (separation of duties, as the server enforces):
 * the system administrator creates accounts, resets passwords, disables and enables; the security administrator
 * grants and revokes roles and unlocks accounts. Neither sees business data here.
 */
export default function AdminPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const ws = useWorkspace();
  const { message, modal } = App.useApp();
  const isSys = !!user?.roles.includes("sysadmin");
  const isSec = !!user?.roles.includes("secadmin");
  const [accounts, setAccounts] = useState<Account[]>();
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<Account>();
  const [resetting, setResetting] = useState<Account>();
  const [q, setQ] = useState("");
  const orgName = useMemo(() => new Map(ws.orgs.map((o) => [o.id, o.name])), [ws.orgs]);
  const tree = useMemo(() => orgTree(ws.orgs), [ws.orgs]);

  const load = useCallback(() => {
    adminEndpoints.accounts().then(
      (r) => {
        setAccounts(r.items);
        setError(undefined);
      },
      (e) => setError(describeError(e, lang)),
    );
  }, [lang]);
  useEffect(load, [load]);

  const run = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      message.success(done);
      load();
      return true;
    } catch (e) {
      message.error(describeError(e, lang));
      return false;
    }
  };

  const roleText = (r: Role) => ROLE_TEXT[r][zh ? 0 : 1];
  const shown = (accounts ?? []).filter((a) => !q || a.username.includes(q) || a.displayName.includes(q));

  return (
    <Card
      size="small"
      data-testid="admin-page"
      title={
        <Typography.Title level={5} style={{ margin: 0 }}>
          {zh ? "账户与角色" : "Accounts and roles"}{" "}
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
            {isSys
              ? zh
                ? "（系统管理员：新建账户、重置密码、停用）"
                : "(system administrator: create, reset, disable)"
              : ""}
            {isSec ? (zh ? "（安全管理员：授予/撤销角色、解锁）" : "(security administrator: roles, unlock)") : ""}
          </Typography.Text>
        </Typography.Title>
      }
      extra={
        isSys && (
          <Button type="primary" data-testid="create-account" onClick={() => setCreating(true)}>
            {zh ? "新建账户" : "New account"}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={zh ? "搜索用户名或姓名" : "Search user name"}
          onSearch={setQ}
          data-testid="account-search"
        />
        {error && <Alert type="error" showIcon title={error} />}
        <Table<Account>
          rowKey="id"
          size="small"
          loading={!accounts && !error}
          dataSource={shown}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ y: 480 }}
          columns={[
            { title: zh ? "用户名" : "User name", dataIndex: "username", width: 150 },
            { title: zh ? "姓名" : "Name", dataIndex: "displayName", width: 140 },
            {
              title: zh ? "角色（范围）" : "Roles (scope)",
              render: (_: unknown, a) => (
                <div data-testid={`roles-${a.username}`}>
                  <Space size={[4, 4]} wrap>
                    {a.memberships.map((m) => (
                      <Tag
                        key={m.id}
                        color={ADMIN_ROLES.includes(m.role) ? "purple" : "blue"}
                        closable={isSec}
                        onClose={(e) => {
                          e.preventDefault();
                          modal.confirm({
                            title: zh ? "撤销该角色？" : "Revoke this role?",
                            onOk: () => run(() => adminEndpoints.revoke(a.id, m.id), zh ? "已撤销" : "Revoked"),
                          });
                        }}
                      >
                        {roleText(m.role)}
                        {m.orgId ? ` · ${orgName.get(m.orgId) ?? m.orgId.slice(0, 8)}` : ""}
                      </Tag>
                    ))}
                  </Space>
                </div>
              ),
            },
            {
              title: zh ? "状态" : "Status",
              width: 150,
              render: (_: unknown, a) => (
                <Space size={4} wrap>
                  {a.disabled && <Tag color="default">{zh ? "已停用" : "disabled"}</Tag>}
                  {a.locked && <Tag color="red">{zh ? "已锁定" : "locked"}</Tag>}
                  {a.mustChangePassword && <Tag color="orange">{zh ? "须改初始密码" : "initial password"}</Tag>}
                  {!a.disabled && !a.locked && !a.mustChangePassword && (
                    <Tag color="green">{zh ? "正常" : "active"}</Tag>
                  )}
                </Space>
              ),
            },
            {
              title: zh ? "操作" : "Actions",
              width: 220,
              render: (_: unknown, a) => (
                <Space size={0} wrap>
                  {isSec && (
                    <Button size="small" type="link" data-testid={`grant-${a.username}`} onClick={() => setGranting(a)}>
                      {zh ? "授予角色" : "Grant role"}
                    </Button>
                  )}
                  {isSec && a.locked && (
                    <Button
                      size="small"
                      type="link"
                      data-testid={`unlock-${a.username}`}
                      onClick={() => run(() => adminEndpoints.unlock(a.id), zh ? "已解锁" : "Unlocked")}
                    >
                      {zh ? "解锁" : "Unlock"}
                    </Button>
                  )}
                  {isSys && (
                    <Button
                      size="small"
                      type="link"
                      data-testid={`reset-${a.username}`}
                      onClick={() => setResetting(a)}
                    >
                      {zh ? "重置密码" : "Reset password"}
                    </Button>
                  )}
                  {isSys && a.id !== user?.id && (
                    <Button
                      size="small"
                      type="link"
                      danger={!a.disabled}
                      onClick={() =>
                        run(
                          () => adminEndpoints.setDisabled(a.id, !a.disabled),
                          a.disabled ? (zh ? "已启用" : "Enabled") : zh ? "已停用" : "Disabled",
                        )
                      }
                    >
                      {a.disabled ? (zh ? "启用" : "Enable") : zh ? "停用" : "Disable"}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Space>
      <CreateAccount
        open={creating}
        zh={zh}
        onClose={() => setCreating(false)}
        onCreate={(v) =>
          run(
            () => adminEndpoints.createAccount(v.username, v.displayName, v.initialPassword),
            zh ? "账户已创建" : "Created",
          )
        }
      />
      <Modal
        destroyOnHidden
        open={!!resetting}
        title={`${zh ? "重置密码" : "Reset the password"}：${resetting?.username ?? ""}`}
        footer={null}
        onCancel={() => setResetting(undefined)}
      >
        <Form
          layout="vertical"
          onFinish={async (v: { initialPassword: string }) => {
            if (
              await run(
                () => adminEndpoints.resetPassword(resetting!.id, v.initialPassword),
                zh ? "密码已重置，该账户须在下次登录时修改" : "Reset: to be changed at next sign-in",
              )
            )
              setResetting(undefined);
          }}
        >
          <Form.Item
            name="initialPassword"
            label={zh ? "新的初始密码" : "New initial password"}
            rules={[{ required: true }]}
          >
            <Input.Password data-testid="reset-password" autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="reset-confirm">
            {zh ? "重置" : "Reset"}
          </Button>
        </Form>
      </Modal>
      <Modal
        destroyOnHidden
        open={!!granting}
        title={`${zh ? "授予角色" : "Grant a role"}：${granting?.username ?? ""}`}
        footer={null}
        onCancel={() => setGranting(undefined)}
      >
        <GrantForm
          zh={zh}
          tree={tree}
          roleText={roleText}
          onGrant={async (role, orgId) => {
            if (await run(() => adminEndpoints.grant(granting!.id, role, orgId), zh ? "已授予" : "Granted"))
              setGranting(undefined);
          }}
        />
      </Modal>
    </Card>
  );
}

function CreateAccount(props: {
  open: boolean;
  zh: boolean;
  onClose(): void;
  onCreate(v: { username: string; displayName: string; initialPassword: string }): Promise<boolean>;
}) {
  const { zh } = props;
  return (
    <Modal
      destroyOnHidden
      open={props.open}
      title={zh ? "新建账户" : "New account"}
      footer={null}
      onCancel={props.onClose}
    >
      <Form
        layout="vertical"
        onFinish={async (v) => {
          if (await props.onCreate(v)) props.onClose();
        }}
      >
        <Form.Item
          name="username"
          label={zh ? "用户名" : "User name"}
          rules={[
            { required: true },
            {
              pattern: /^[\w.@-]{2,50}$/,
              message: zh ? "2–50 个字母、数字或 . @ - _" : "2–50 letters, digits or . @ - _",
            },
          ]}
        >
          <Input data-testid="new-username" autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={zh ? "姓名" : "Name"} rules={[{ required: true }]}>
          <Input data-testid="new-displayname" />
        </Form.Item>
        <Form.Item
          name="initialPassword"
          label={zh ? "初始密码（首次登录须修改）" : "Initial password (changed at first sign-in)"}
          rules={[{ required: true }]}
        >
          <Input.Password data-testid="new-password" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="create-confirm">
          {zh ? "创建" : "Create"}
        </Button>
      </Form>
    </Modal>
  );
}

function GrantForm(props: {
  zh: boolean;
  tree: ReturnType<typeof orgTree>;
  roleText(r: Role): string;
  onGrant(role: Role, orgId: string | null): void;
}) {
  const { zh } = props;
  const [role, setRole] = useState<Role>();
  const [orgId, setOrgId] = useState<string>();
  const business = !!role && BUSINESS_ROLES.includes(role);
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Select<Role>
        data-testid="grant-role"
        style={{ width: "100%" }}
        placeholder={zh ? "角色" : "Role"}
        value={role}
        onChange={setRole}
        options={[...BUSINESS_ROLES, ...ADMIN_ROLES].map((r) => ({ value: r, label: props.roleText(r) }))}
      />
      {business && (
        <TreeSelect
          data-testid="grant-org"
          style={{ width: "100%" }}
          treeData={props.tree}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          placeholder={zh ? "单位（含下级）" : "Organisation (with its subtree)"}
          value={orgId}
          onChange={setOrgId}
        />
      )}
      <Typography.Text type="secondary">
        {zh
          ? "业务角色作用于所选单位及其下级；三类管理员互斥，且默认不能查看业务数据。"
          : "A business role covers the organisation and its subtree; the three administrator roles exclude each other and see no business data by default."}
      </Typography.Text>
      <Button
        type="primary"
        data-testid="grant-confirm"
        disabled={!role || (business && !orgId)}
        onClick={() => role && props.onGrant(role, business ? orgId! : null)}
      >
        {zh ? "授予" : "Grant"}
      </Button>
    </Space>
  );
}
