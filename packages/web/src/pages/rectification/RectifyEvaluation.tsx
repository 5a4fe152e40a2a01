import { Button, Modal } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { todoChanged } from "../../components/workflow/index.ts";
import { FromEvaluationCard } from "./RectificationPage.tsx";

/**
 * 「发起整改」 on a self-evaluation's page (for the reviewer): the items core proposes from its stored score — each
 * missed indicator, a 中/差 grade, a low execution rate — to pick, with a deadline; created items open the 整改 list.
 */
export function RectifyEvaluation({ evaluationId, zh }: { evaluationId: string; zh: boolean }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="rectify-evaluation">
        {zh ? "发起整改" : "Rectify"}
      </Button>
      <Modal
        open={open}
        width={760}
        title={zh ? "按自评结果发起整改" : "Rectification from this self-evaluation"}
        onCancel={() => setOpen(false)}
        footer={
          <Button onClick={() => navigate("/rectification")} data-testid="rectify-evaluation-list">
            {zh ? "查看整改事项" : "Open the items"}
          </Button>
        }
        destroyOnHidden
      >
        {open && (
          <FromEvaluationCard
            zh={zh}
            evaluationId={evaluationId}
            onCreated={async () => {
              todoChanged();
            }}
          />
        )}
      </Modal>
    </>
  );
}
