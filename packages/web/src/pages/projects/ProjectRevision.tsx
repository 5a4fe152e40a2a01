/**
 * 预算调整 on the project page: the revision's tag, what the revision is to the others (the approved one it adjusts,
 * or the later one that adjusts it), and the 「预算调整」 button of an approved project.
 */
import { Alert, App, Button, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ApiError } from "../../api/client.ts";
import { type Project, projectEndpoints } from "../../api/endpoints.ts";
import { useAuth } from "../../auth.tsx";
import { useI18n } from "../../i18n.tsx";
import { describeError } from "../../lib/errors.ts";
import { useWorkspace } from "../../workspace.tsx";
import { yearClosed } from "../duties/model.ts";

type Revisioned = Pick<Project, "revision" | "supersedesId" | "supersededById">;

/** 第 N 版 (第 N−1 次调整): the first revision is the project as first approved. */
export function revisionText(revision: number, zh: boolean): string {
  if (revision <= 1) return zh ? "第 1 版（原始）" : "revision 1 (original)";
  return zh ? `第 ${revision} 版（第 ${revision - 1} 次调整）` : `revision ${revision} (adjustment ${revision - 1})`;
}

/** For 本次修改 on an adjustment: the approved revision it adjusts (revisions follow one another). */
export function adjustedBaseline(p: Pick<Project, "supersedesId" | "revision">, zh: boolean) {
  if (!p.supersedesId) return undefined;
  const r = p.revision - 1;
  return { id: p.supersedesId, label: zh ? `第 ${r} 版 · 已审核（调整前）` : `revision ${r} · approved (before)` };
}

/** The revision of a project that has been adjusted or is an adjustment; nothing for one never adjusted. */
export function RevisionTag({ project, testId }: { project: Revisioned; testId?: string }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  if (project.revision <= 1 && !project.supersededById) return null;
  return (
    <Tag color={project.supersededById ? "default" : "blue"} data-testid={testId}>
      {revisionText(project.revision, zh)}
    </Tag>
  );
}

/**
 * What the revision is to the others: an adjustment links to the approved revision it adjusts (which stays as it
 * was approved); an adjusted one links to the later revision and says it is kept frozen.
 */
export function RevisionNotice({ project }: { project: Project }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  if (project.supersededById) {
    return (
      <Alert
        style={{ marginTop: 12 }}
        type="info"
        showIcon
        data-testid="revision-superseded"
        title={
          <>
            {zh
              ? `本版本已被调整：第 ${project.revision + 1} 版是其后的调整，本版本保持审核通过时的内容不变。`
              : `This revision has been adjusted: revision ${project.revision + 1} follows it; this one stays as approved.`}{" "}
            <Link to={`/projects/${project.supersededById}`} data-testid="revision-later-link">
              {zh ? "查看后续版本" : "Open the later revision"}
            </Link>
          </>
        }
      />
    );
  }
  if (project.supersedesId) {
    return (
      <Alert
        style={{ marginTop: 12 }}
        type="info"
        showIcon
        data-testid="revision-adjusts"
        title={
          <>
            {zh
              ? `本版本是对已审核的第 ${project.revision - 1} 版的预算调整；审核通过前，第 ${project.revision - 1} 版仍然有效且保持不变。`
              : `This revision adjusts the approved revision ${project.revision - 1}, which stays in force and unchanged until this one is approved.`}{" "}
            <Link to={`/projects/${project.supersedesId}`} data-testid="revision-approved-link">
              {zh ? "查看已审核版本" : "Open the approved revision"}
            </Link>
          </>
        }
      />
    );
  }
  return null;
}

/**
 * 「预算调整」 on an approved project, for a filler (the server checks the organisation) while its year is open and
 * no later revision exists: asks first, makes the new draft revision and opens it. A 409 (an adjustment under
 * way) is said with a link to that adjustment, read again from the record; `onChanged` then reloads the page.
 */
export function ReviseButton({ project, onChanged }: { project: Project; onChanged: () => void | Promise<void> }) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const { user } = useAuth();
  const ws = useWorkspace();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  const may =
    project.state === "approved" &&
    !project.supersededById &&
    !!user?.roles.includes("filler") &&
    !yearClosed(ws.years, project.year);
  if (!may) return null;

  const refused = async (err: ApiError) => {
    // The adjustment under way, as the record now names it (the list when it cannot be read).
    const later = await projectEndpoints.get(project.id).then(
      (p) => p.supersededById,
      () => null,
    );
    const to = later ? `/projects/${later}` : "/projects";
    const m = modal.warning({
      title: describeError(err, lang),
      content: (
        <Typography.Link
          data-testid="revise-open-link"
          onClick={() => {
            m.destroy();
            navigate(to);
          }}
        >
          {later
            ? zh
              ? "打开进行中的调整"
              : "Open the adjustment under way"
            : zh
              ? "回到项目列表"
              : "Back to the list"}
        </Typography.Link>
      ),
      okText: zh ? "知道了" : "OK",
    });
    await onChanged();
  };

  const revise = async () => {
    setBusy(true);
    try {
      const next = await projectEndpoints.revise(project.id, project.version);
      message.success(
        zh
          ? `已建立调整草稿：${revisionText(next.revision, true)}`
          : `Adjustment draft made: ${revisionText(next.revision, false)}`,
      );
      navigate(`/projects/${next.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === "conflict") await refused(e);
      else {
        message.error(describeError(e, lang));
        if (e instanceof ApiError && e.status === 409) await onChanged();
      }
    } finally {
      setBusy(false);
    }
  };

  const ask = () =>
    modal.confirm({
      title: zh ? "预算调整" : "Adjust the budget",
      content: (
        <div data-testid="revise-confirm-text">
          {zh
            ? `将以本项目为基础新建一个草稿版本（${revisionText(project.revision + 1, true)}），复制项目信息和全部绩效指标，修改后按原流程提交审核。已审核的第 ${project.revision} 版保持不变；如已公开，公开的仍是该版本，直到另行公开。`
            : `A new draft revision (${revisionText(project.revision + 1, false)}) is made from this project, with its details and all its indicators, to be changed and submitted for review as usual. The approved revision ${project.revision} stays as it is and, if it was published, remains the published one until another is published.`}
        </div>
      ),
      okText: zh ? "新建调整版本" : "Make the adjustment",
      cancelText: zh ? "取消" : "Cancel",
      okButtonProps: { id: "revise-confirm" },
      onOk: revise,
    });

  return (
    <Tooltip
      title={
        zh
          ? "已审核的项目不能直接修改；调整会新建一个版本"
          : "An approved project is not edited: adjusting makes a new revision"
      }
    >
      <Button data-testid="project-revise" loading={busy} onClick={ask}>
        {zh ? "预算调整" : "Adjust"}
      </Button>
    </Tooltip>
  );
}
