import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

/** The two languages of the interface. Chinese is the default; English is a switch stored in the browser. */
export type Lang = "zh" | "en";

const STORAGE_KEY = "jixiao.lang";

/** Every interface text, Chinese first. Domain words keep the Chinese term in English where officers use it. */
const messages = {
  appName: ["绩效", "Jixiao"],
  appSubtitle: ["预算绩效管理", "Budget performance management"],
  "menu.dashboard": ["工作台", "Dashboard"],
  "menu.budget": ["预算", "Budget"],
  "menu.projects": ["项目", "Projects"],
  "menu.duties": ["职责活动", "Duties"],
  "menu.goals": ["整体目标", "Overall goals"],
  "menu.monitoring": ["运行监控", "Monitoring"],
  "menu.deadlines": ["时间节点", "Deadlines"],
  "menu.rectification": ["整改", "Rectification"],
  "menu.library": ["指标库", "Indicator library"],
  "menu.experts": ["专家评审", "Expert review"],
  "menu.results": ["结果应用", "Using the results"],
  "menu.selfEvaluation": ["自评", "Self-evaluation"],
  "menu.import": ["导入", "Import"],
  "menu.exports": ["批量导出", "Batch export"],
  "menu.admin": ["管理", "Administration"],
  "menu.audit": ["审计", "Audit"],
  "header.org": ["单位", "Organisation"],
  "header.year": ["年度", "Year"],
  "header.todo": ["待办", "To do"],
  "header.logout": ["退出登录", "Sign out"],
  "header.lang": ["English", "中文"],
  "login.title": ["登录", "Sign in"],
  "login.username": ["用户名", "User name"],
  "login.password": ["密码", "Password"],
  "login.submit": ["登录", "Sign in"],
  "login.required": ["请输入", "Required"],
  "login.expired": [
    "登录已过期，请重新登录。正在填写的内容已保留。",
    "Your session has expired. Sign in again: your unsaved work is kept.",
  ],
  "password.title": ["修改密码", "Change the password"],
  "password.mustChange": ["首次登录须修改初始密码。", "Change your initial password before going on."],
  "password.current": ["当前密码", "Current password"],
  "password.new": ["新密码", "New password"],
  "password.repeat": ["再次输入新密码", "New password again"],
  "password.mismatch": ["两次输入的新密码不一致", "The two new passwords differ"],
  "password.rules": [
    "至少 10 个字符，包含大写字母、小写字母、数字、其他字符中的至少三类，且不含用户名。",
    "At least 10 characters, with three of: upper-case, lower-case, digits, other characters; not containing the user name.",
  ],
  "password.done": ["密码已修改。", "The password was changed."],
  "notFound.title": ["未找到", "Not found"],
  "notFound.text": ["页面不存在，或您无权查看。", "This page does not exist, or you may not see it."],
  "notFound.back": ["返回工作台", "Back to the dashboard"],
  "common.sample": ["示例数据", "Sample data"],
  "common.sampleNote": [
    "服务器尚未提供此数据，以下为示例数据，仅供界面展示。",
    "The server does not provide this data yet: what follows is sample data, for display only.",
  ],
  "common.comingSoon": ["此页面正在建设中。", "This page is being built."],
  "common.loading": ["加载中…", "Loading…"],
  "common.error": ["出错了", "Something went wrong"],
  "common.total": ["合计", "Total"],
  "common.save": ["保存", "Save"],
  "common.cancel": ["取消", "Cancel"],
  "common.ok": ["确定", "OK"],
  "common.draftRestored": ["已恢复未保存的草稿。", "An unsaved draft was restored."],
  "common.discardDraft": ["放弃草稿", "Discard draft"],
  "dash.execution": ["各单位预算执行率（对比时间进度）", "Budget execution by unit (against time elapsed)"],
  "dash.grades": ["自评得分与等级分布", "Self-evaluation scores and grades"],
  "dash.elapsed": ["时间进度", "Time elapsed"],
  "dash.rate": ["执行率", "Execution rate"],
  "dash.budget": ["全年预算（万元）", "Annual budget (万元)"],
  "dash.spent": ["执行数（万元）", "Spent (万元)"],
  "dash.todo": ["待我处理", "Waiting for me"],
  "dash.attention": ["需关注的项目（中、差）", "Projects needing attention (中, 差)"],
  "dash.units": ["单位数", "Units"],
  "dash.projects": ["项目数", "Projects"],
  "dash.light.green": ["正常", "On track"],
  "dash.light.yellow": ["偏慢", "Slow"],
  "dash.light.red": ["严重滞后", "Far behind"],
  "dash.count": ["数量", "Count"],
  "dash.score": ["得分", "Score"],
  "se.title": ["绩效自评表", "Self-evaluation"],
  "se.funds": ["项目资金（万元）", "Project funds (万元)"],
  "se.initial": ["年初预算数", "Initial budget"],
  "se.annual": ["全年预算数(A)", "Annual budget (A)"],
  "se.spent": ["全年执行数(B)", "Spent (B)"],
  "se.rate": ["执行率(B/A)", "Execution rate (B/A)"],
  "se.points": ["分值", "Points"],
  "se.score": ["得分", "Score"],
  "se.level1": ["一级指标", "Level 1"],
  "se.level2": ["二级指标", "Level 2"],
  "se.level3": ["三级指标", "Indicator"],
  "se.target": ["年度指标值", "Target"],
  "se.understood": ["理解为", "Understood as"],
  "se.actual": ["实际完成值", "Actual"],
  "se.suggested": ["建议得分", "Suggested"],
  "se.override": ["调整得分", "Override"],
  "se.overrideReason": ["调整理由", "Reason for the override"],
  "se.deviation": ["偏差原因分析及改进措施", "Deviation cause and remedy"],
  "se.total": ["总分", "Total"],
  "se.grade": ["等级", "Grade"],
  "se.groupSum": ["小计", "Subtotal"],
  "se.needReason": ["调整得分须说明理由", "An override needs a reason"],
  "se.needDeviation": ["未达成目标，须填写偏差原因", "Target missed: give the cause"],
  "se.overTarget": ["远超目标，须说明原因（目标可能偏低）", "Far over target: explain (the target may be too low)"],
  "se.tier": ["定性评定档次", "Qualitative tier"],
  "se.differences": ["调整得分与建议得分的差异", "Overrides against the suggested scores"],
  "se.notReady": [
    "评分规则（@jixiao/core 的 scoreEvaluation）尚未提供，暂不能计算得分。",
    "The scoring rules (scoreEvaluation in @jixiao/core) are not available yet: scores cannot be computed.",
  ],
  "se.problems": ["待处理问题", "Problems to fix"],
  "se.narrative": ["自评结论与说明", "Conclusions"],
  "se.conclusion": ["总体完成情况", "Overall result"],
  "se.improvements": ["存在问题及改进措施", "Problems and improvements"],
  "edit.saved": ["已保存", "Saved"],
  "edit.unsaved": ["有未保存的修改。", "Unsaved changes."],
  "edit.undoChanges": ["撤销修改", "Undo changes"],
  "edit.reapply": ["重新应用我的修改", "Apply my changes again"],
  "edit.keepServer": ["采用服务器上的内容", "Keep the server's version"],
  "edit.onServer": ["服务器当前", "On the server"],
  "edit.yours": ["您的修改", "Yours"],
  "duties.title": ["部门职责 → 工作活动", "Duties → activities"],
  "duties.add": ["新增职责", "Add a duty"],
  "duties.addActivity": ["新增工作活动", "Add an activity"],
  "duties.addIndicator": ["新增指标", "Add an indicator"],
  "budget.create": ["新建部门预算", "Create the department budget"],
  "budget.department": ["部门预算", "Department budget"],
  "goals.indicators": ["部门整体绩效指标", "Indicators"],
} satisfies Record<string, [string, string]>;

export type MessageKey = keyof typeof messages;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key) => messages[key][lang === "zh" ? 0 : 1] }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

/** Picks the text of the current language from a server message pair. */
export function pick(lang: Lang, zh: string, en?: string): string {
  return lang === "en" && en ? en : zh;
}
