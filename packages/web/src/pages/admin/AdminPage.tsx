import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api } from "../../api/client.ts";
import { type Account, adminEndpoints, type Org, type Role } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { orgTree, useWorkspace } from "../../workspace.tsx";
import { CardTitle } from "./CardTitle.tsx";
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
  // The tree as it is now: the system administrator may move organisations below, so it is read here again.
  const [orgs, setOrgs] = useState<TreeOrg[]>();
  const allOrgs: Org[] = orgs ?? ws.orgs;
  const orgName = useMemo(() => new Map(allOrgs.map((o) => [o.id, o.name])), [allOrgs]);
  const tree = useMemo(() => orgTree(allOrgs), [allOrgs]);
  const loadOrgs = useCallback(() => {
    orgEndpoints.list().then(
      (r) => setOrgs(r.items),
      () => setOrgs(undefined),
    );
  }, []);
  useEffect(loadOrgs, [loadOrgs]);

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
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Card
        size="small"
        data-testid="admin-page"
        title={
          <CardTitle
            title={zh ? "账户与角色" : "Accounts and roles"}
            hint={
              <>
                {isSys
                  ? zh
                    ? "（系统管理员：新建账户、重置密码、停用）"
                    : "(system administrator: create, reset, disable)"
                  : ""}
                {isSec ? (zh ? "（安全管理员：授予/撤销角色、解锁）" : "(security administrator: roles, unlock)") : ""}
              </>
            }
          />
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
                      <Button
                        size="small"
                        type="link"
                        data-testid={`grant-${a.username}`}
                        onClick={() => setGranting(a)}
                      >
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
      {isSys && orgs && <OrgTreeCard zh={zh} orgs={orgs} onMoved={loadOrgs} />}
    </Space>
  );
}

/** An organisation as GET /orgs gives it (with its level and the version a change must send). */
interface TreeOrg extends Org {
  depth: number;
  version: number;
  sortOrder: number;
}

const orgEndpoints = {
  list: () => api.get<{ items: TreeOrg[] }>("/orgs"),
  /** PATCH /orgs/{id} with a new parentId (null: top level): the whole subtree moves; 400/409 when refused. */
  move: (o: TreeOrg, parentId: string | null) => api.patch<TreeOrg>(`/orgs/${o.id}`, { version: o.version, parentId }),
  /** POST /orgs: a new organisation under a parent (null: top level). */
  create: (body: { parentId: string | null; code: string; name: string }) => api.post<TreeOrg>("/orgs", body),
};

/** 新增机构: an organisation under a parent of the tree (or at the top), with its code and name. */
function NewOrgButton({ zh, choices, onCreated }: { zh: boolean; choices: unknown[]; onCreated(): void }) {
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const create = async () => {
    const v = (await form.validateFields()) as { parent: string; code: string; name: string };
    setBusy(true);
    try {
      await orgEndpoints.create({
        parentId: v.parent === TOP ? null : v.parent,
        code: v.code.trim(),
        name: v.name.trim(),
      });
      message.success(zh ? `已新增机构“${v.name.trim()}”` : `Created “${v.name.trim()}”`);
      setOpen(false);
      onCreated();
    } catch (e) {
      message.error(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" size="small" data-testid="new-org" onClick={() => setOpen(true)}>
        {zh ? "新增机构" : "New organisation"}
      </Button>
      <Modal
        destroyOnHidden
        open={open}
        title={zh ? "新增机构" : "New organisation"}
        okText={zh ? "新增" : "Create"}
        cancelText={zh ? "取消" : "Cancel"}
        okButtonProps={{ loading: busy, id: "new-org-ok" }}
        onOk={create}
        onCancel={() => setOpen(false)}
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ parent: TOP }}>
          <Form.Item name="parent" label={zh ? "上级机构" : "Parent"} rules={[{ required: true }]}>
            <TreeSelect
              data-testid="new-org-parent"
              treeData={choices as never}
              treeDefaultExpandAll
              showSearch
              treeNodeFilterProp="title"
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={zh ? "机构代码" : "Code"}
            rules={[{ required: true, whitespace: true, message: zh ? "请填写机构代码" : "A code is needed" }]}
          >
            <Input data-testid="new-org-code" maxLength={50} />
          </Form.Item>
          <Form.Item
            name="name"
            label={zh ? "机构名称" : "Name"}
            rules={[{ required: true, whitespace: true, message: zh ? "请填写机构名称" : "A name is needed" }]}
          >
            <Input data-testid="new-org-name" count={{ show: true, max: 200 }} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The value of the "no parent" choice in the parent picker. */
const TOP = "top";

interface OrgRowNode extends TreeOrg {
  children?: OrgRowNode[];
}

function nestOrgs(orgs: TreeOrg[]): OrgRowNode[] {
  const byId = new Map<string, OrgRowNode>(orgs.map((o) => [o.id, { ...o }]));
  const roots: OrgRowNode[] = [];
  for (const o of orgs) {
    const node = byId.get(o.id)!;
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  return roots;
}

/**
 * The organisation tree for the system administrator, with 移动: choose a new parent (or none) and the server
 * moves the organisation with everything below it — or says why not (under itself or a sub-organisation, a fifth
 * level, a code already used there, someone else changed it meanwhile), shown in the dialog.
 */
function OrgTreeCard(props: { zh: boolean; orgs: TreeOrg[]; onMoved(): void }) {
  const { zh, orgs } = props;
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [moving, setMoving] = useState<TreeOrg>();
  const [parent, setParent] = useState<string>();
  const [refusal, setRefusal] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rows = useMemo(() => nestOrgs(orgs), [orgs]);
  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);
  const choices = useMemo(
    () => [
      { value: TOP, title: zh ? "（顶级，无上级机构）" : "(top level, no parent)", children: [] },
      ...orgTree(orgs),
    ],
    [orgs, zh],
  );

  // How many organisations sit below the one being moved (they move with it).
  const below = useMemo(() => {
    if (!moving) return 0;
    const under = (o: TreeOrg): boolean => {
      for (
        let p = o.parentId ? byId.get(o.parentId) : undefined;
        p;
        p = p.parentId ? byId.get(p.parentId) : undefined
      ) {
        if (p.id === moving.id) return true;
      }
      return false;
    };
    return orgs.filter(under).length;
  }, [moving, orgs, byId]);

  const open = (o: TreeOrg) => {
    setMoving(o);
    setParent(o.parentId ?? TOP);
    setRefusal(undefined);
  };
  const close = () => setMoving(undefined);
  const confirm = async () => {
    if (!moving || !parent) return;
    setBusy(true);
    try {
      await orgEndpoints.move(moving, parent === TOP ? null : parent);
      message.success(zh ? `已移动“${moving.name}”及其下级机构` : `Moved “${moving.name}” with its sub-organisations`);
      close();
      props.onMoved();
    } catch (e) {
      setRefusal(describeError(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      data-testid="org-admin"
      extra={<NewOrgButton zh={zh} choices={choices} onCreated={props.onMoved} />}
      title={
        <CardTitle
          title={zh ? "组织机构" : "Organisations"}
          hint={
            zh
              ? "（省—市—县—单位；移动时下级机构一并移动，权限范围随之改变）"
              : "(province > city > county > unit; a move takes the sub-organisations along, and scopes follow)"
          }
        />
      }
    >
      <Table<OrgRowNode>
        key={orgs.map((o) => `${o.id}:${o.version}`).join()}
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        onRow={(o) => ({ "data-org": o.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: zh ? "机构" : "Organisation",
            dataIndex: "name",
            render: (name: string) => <span data-testid="org-name">{name}</span>,
          },
          { title: zh ? "代码" : "Code", dataIndex: "code", width: 120 },
          {
            title: zh ? "层级" : "Level",
            dataIndex: "depth",
            width: 90,
            // The level is the depth in the tree (1 province … 4 unit); the tree itself says what each is.
            render: (d: number) => (zh ? `第 ${d + 1} 级` : `level ${d + 1}`),
          },
          {
            title: zh ? "上级机构" : "Parent",
            width: 220,
            render: (_: unknown, o) => (
              <span data-testid="org-parent">{o.parentId ? (byId.get(o.parentId)?.name ?? "") : "—"}</span>
            ),
          },
          {
            title: zh ? "操作" : "Actions",
            width: 90,
            render: (_: unknown, o) => (
              <Button size="small" type="link" data-testid="move-org" onClick={() => open(o)}>
                {zh ? "移动" : "Move"}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        destroyOnHidden
        open={!!moving}
        title={`${zh ? "移动机构" : "Move"}：${moving?.name ?? ""}`}
        footer={null}
        onCancel={close}
      >
        <Space orientation="vertical" style={{ width: "100%" }} data-testid="move-dialog">
          <Typography.Text>{zh ? "新的上级机构" : "New parent"}</Typography.Text>
          <TreeSelect
            data-testid="move-parent"
            style={{ width: "100%" }}
            treeData={choices}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            value={parent}
            onChange={(v: string) => {
              setParent(v);
              setRefusal(undefined);
            }}
          />
          <Typography.Text type="secondary">
            <span data-testid="move-below">
              {zh
                ? `连同 ${below} 个下级机构一起移动；原上级的业务人员将不再能看到它们，新上级的业务人员可以看到。`
                : `${below} sub-organisation(s) move with it; people of the old parent no longer see them, those of the new parent do.`}
            </span>
          </Typography.Text>
          {refusal && <Alert type="error" showIcon data-testid="move-error" title={refusal} />}
          <Button
            type="primary"
            data-testid="move-confirm"
            loading={busy}
            disabled={!parent || parent === (moving?.parentId ?? TOP)}
            onClick={confirm}
          >
            {zh ? "移动" : "Move"}
          </Button>
        </Space>
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
