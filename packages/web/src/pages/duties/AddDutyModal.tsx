import { Form, Input, Modal } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n.tsx";

/** A new duty: its name and, optionally, its budget in 万元. `onAdd` says whether it was created. */
export function AddDutyModal(p: {
  open: boolean;
  busy: boolean;
  onAdd(name: string, budget: string): Promise<boolean>;
  onClose(): void;
}) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [name, setName] = useState("");
  const [budget, setBudget] = useState("");
  return (
    <Modal
      destroyOnHidden
      open={p.open}
      title={zh ? "新增部门职责" : "Add a duty"}
      okText={zh ? "新增" : "Add"}
      okButtonProps={{ disabled: !name.trim(), loading: p.busy, id: "add-duty-confirm" }}
      onOk={async () => {
        if (!(await p.onAdd(name, budget))) return;
        setName("");
        setBudget("");
      }}
      onCancel={p.onClose}
    >
      <Form layout="vertical">
        <Form.Item label={zh ? "职责名称" : "Name"} required>
          <Input data-testid="new-duty-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label={zh ? "预算（万元）" : "Budget (万元)"}>
          <Input
            data-testid="new-duty-budget"
            value={budget}
            suffix="万元"
            onChange={(e) => setBudget(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
