import { Alert, Card, Space, Spin, Typography } from "antd";
import { useMemo, useState } from "react";
import { useAuth } from "../../auth.tsx";
import { FindingsPanel, useFindings } from "../../components/findings/index.ts";
import { useI18n } from "../../i18n.tsx";
import { useWorkspace } from "../../workspace.tsx";
import { CarriedFrom } from "../library/CarriedFrom.tsx";
import { previousValuesOf, useCarriedRecords } from "../library/usePreviousValues.ts";
import { ActivityCard } from "./ActivityCard.tsx";
import { AddDutyModal } from "./AddDutyModal.tsx";
import type { Duty } from "./api.ts";
import { DutyCard } from "./DutyCard.tsx";
import { DutyConflictModal } from "./DutyConflictModal.tsx";
import { DutyTree, type Selection } from "./DutyTree.tsx";
import { type ActivityDraft, draftErrors, draftOf, emptyActivity, moveItem, yearClosed } from "./model.ts";
import { useDutyWork } from "./useDutyWork.ts";

/**
 * 部门职责 → 工作活动: the tree of the organisation's duties and their activities for the year on the left; the
 * chosen duty (name, budget in 万元, the check of its budget against its activities) and activity (budget,
 * content, goal, indicators with their four-tier standards 优/良/中/差 and core's reading of them, live) on the
 * right. A filler adds, renames, reorders and deletes; a save carries the version read, and a 409 shows the
 * record as it is now with the choice to reload or apply the edits again over it. Read only for the other
 * roles and in a closed year.
 */
export default function DutiesPage() {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const ws = useWorkspace();
  const { user } = useAuth();
  const w = useDutyWork();
  // Duties carried forward from last year: last year's target and actual beside each indicator (issue 17).
  const carried = useCarriedRecords(ws.orgId, ws.year);
  // What is chosen belongs to the organisation, year and language it was chosen in (another one reads again).
  const scope = `${ws.orgId}|${ws.year}|${lang}`;
  const [chosen, setChosen] = useState<{ scope: string; sel?: Selection }>({ scope });
  const sel = chosen.scope === scope ? chosen.sel : undefined;
  const setSel = (s: Selection | undefined) => setChosen({ scope, sel: s });
  const [adding, setAdding] = useState(false);

  const closed = yearClosed(ws.years, ws.year);
  const canEdit = !!user?.roles.includes("filler") && !closed;

  /** The duty being edited: the version its draft started from. */
  const duty = sel ? w.bases[sel.dutyId] : undefined;
  const draft = sel ? w.drafts[sel.dutyId] : undefined;
  const original = useMemo(() => (duty ? draftOf(duty) : undefined), [duty]);

  if (w.error) return <Alert type="error" showIcon title={w.error} />;
  if (!w.duties) return <Spin style={{ display: "block", margin: 64 }} />;

  const ownIndex = duty ? w.own.findIndex((x) => x.id === duty.id) : -1;
  const activity = draft && sel?.activity !== undefined ? draft.activities[sel.activity] : undefined;
  const editable = canEdit && duty?.orgId === ws.orgId;
  const editActivity = (id: string, i: number, fn: (a: ActivityDraft) => ActivityDraft) =>
    w.edit(id, (d) => ({ ...d, activities: d.activities.map((a, k) => (k === i ? fn(a) : a)) }));

  return (
    <div style={{ display: "flex", gap: 12, alignItems: "flex-start" }} data-testid="duties-page">
      <DutyTree
        duties={w.duties}
        drafts={w.drafts}
        orgId={ws.orgId}
        year={ws.year}
        closed={closed}
        canEdit={canEdit}
        selected={sel}
        dirtyOf={w.dirtyOf}
        onSelect={setSel}
        onAdd={() => setAdding(true)}
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        {!duty || !draft || !original ? (
          <Card size="small">
            <Typography.Text type="secondary">
              {zh ? "选择左侧的部门职责或工作活动。" : "Choose a duty or an activity on the left."}
            </Typography.Text>
          </Card>
        ) : (
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            <CarriedFrom record={carried?.find((r) => r.targetId === duty.id)} year={duty.year} zh={zh} />
            <DutyCard
              duty={duty}
              draft={draft}
              canEdit={editable}
              dirty={w.dirtyOf(duty.id)}
              errors={draftErrors(draft, lang)}
              busy={w.busy}
              first={ownIndex <= 0}
              last={ownIndex === w.own.length - 1}
              onEdit={(fn) => w.edit(duty.id, fn)}
              onSave={() => w.save(duty.id)}
              onUndo={() => w.undo(duty.id)}
              onDelete={async () => {
                if (await w.removeDuty(duty)) setSel(undefined);
              }}
              onMove={(by) => w.moveDuty(duty, by)}
              onAddActivity={() => {
                w.edit(duty.id, (d) => ({
                  ...d,
                  activities: [...d.activities, emptyActivity(zh ? "新工作活动" : "New activity")],
                }));
                setSel({ dutyId: duty.id, activity: draft.activities.length });
              }}
            />
            <DutyReview duty={duty} />
            {activity && sel?.activity !== undefined && (
              <ActivityCard
                activity={activity}
                index={sel.activity}
                count={draft.activities.length}
                canEdit={editable}
                previous={previousValuesOf(
                  carried?.find((r) => r.targetId === duty.id),
                  activity.name,
                )}
                onChange={(fn) => editActivity(duty.id, sel.activity!, fn)}
                onMove={(by) => {
                  const to = sel.activity! + by;
                  w.edit(duty.id, (d) => ({ ...d, activities: moveItem(d.activities, sel.activity!, to) }));
                  setSel({ dutyId: duty.id, activity: to });
                }}
                onDelete={() => {
                  w.edit(duty.id, (d) => ({ ...d, activities: d.activities.filter((_, k) => k !== sel.activity) }));
                  setSel({ dutyId: duty.id });
                }}
              />
            )}
          </Space>
        )}
      </div>
      <AddDutyModal
        open={adding}
        busy={w.busy}
        onClose={() => setAdding(false)}
        onAdd={async (name, budget) => {
          const id = await w.addDuty(name, budget);
          if (!id) return false;
          setAdding(false);
          setSel({ dutyId: id });
          return true;
        }}
      />
      <DutyConflictModal
        open={!!w.conflict}
        current={w.conflict?.current}
        draft={w.conflict ? w.drafts[w.conflict.dutyId] : undefined}
        busy={w.busy}
        onReapply={(current: Duty) => w.conflict && w.save(w.conflict.dutyId, current)}
        onKeepServer={w.discardConflict}
      />
    </div>
  );
}

/** The automatic review of the stored duty (core's review on the server), again after each save. */
function DutyReview({ duty }: { duty: Duty }) {
  const findings = useFindings("duty", duty.id, duty.version);
  return <FindingsPanel type="duty" findings={findings} />;
}
