/**
 * The import wizard's unit mapping (单位对应, issue 4 §5 + issue 7 §9) in Debian's chromium: the demo filler uploads
 * seed 001 (赵县公安局 and its 交警大队) into their organisation, sees both units in the mapping table — the
 * department into the chosen organisation, the 交警大队 as a new child organisation — with what each brings,
 * commits, and finds the 交警大队's duties on the duties page of the organisation created for it and its procurement
 * lines on that organisation's budget page. The same file into another year: the 交警大队 is now matched to that
 * child, the filler maps it onto the chosen organisation instead (sent as `unitOrgs`), and the chosen
 * organisation's budget then holds both units' procurement lines.
 * A refused mapping: the filler maps the 交警大队 onto an organisation that an administrator then moves away (first
 * out from under the chosen organisation, then out of the filler's reach) before the commit; each time the wizard
 * shows the server's Chinese refusal at the 交警大队's row and nothing is written (checked through the API); choosing
 * the proposal instead then commits. Into an organisation at the deepest level the wizard itself says the 交警大队 cannot
 * be created there and allows no commit until the filler maps it onto an existing organisation.
 * What is expected is read from the seed with packages/documents' importer, not written down here.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { importDocument, readDocument, readExtractedText } from "@jixiao/documents";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, type Harness, REPO_DIR, startHarness } from "./harness.ts";
import { apiAs } from "./pages/api.ts";
import { BudgetPage } from "./pages/budget.ts";
import { waitForWorkspace } from "./pages/duties.ts";
import { ImportUnitsWizard } from "./pages/importWizard.ts";
import { Shell } from "./pages/shell.ts";

const hasChromium = existsSync(CHROMIUM);
const SEED = resolve(REPO_DIR, "fixtures/seeds/001_cf6ae51127079c27.txt");
/** The demo filler's organisation (packages/server/src/demo/seed.ts). */
const UNIT = "天津市公安交通管理局警务保障处";
/** A demo year with nothing of the filler's organisation in it, for the second import of the same file. */
const OTHER_YEAR = 2026;
/** The demo year of the refused mappings (nothing of the organisations made for them in it, or in any year). */
const REFUSED_YEAR = 2025;

interface Expected {
  year: number;
  units: { name: string; code?: string }[];
  /** Duty names of each unit's goal table, by unit code. */
  duties: Map<string, string[]>;
  /** The procurement items of each unit's table (lines with an amount), by the table's unit as read. */
  procurement: { organisation: string; items: string[] }[];
}

async function expectedFromSeed(): Promise<Expected> {
  const read = await readDocument(new Uint8Array(await readFile(SEED)), "001.txt");
  if (read.format !== "text") throw new Error(`seed 001 is read as ${read.format}`);
  const doc = importDocument(readExtractedText(read.text, read.file)).document as {
    organisations: { name: string; code?: string }[];
    dutyGoals: { organisation?: { code?: string }; duties: { name: string }[] }[];
    disclosure: {
      year: number;
      procurement: {
        organisation?: string;
        lines: { item?: string; project?: string; amount?: unknown }[];
      }[];
    };
  };
  const duties = new Map<string, string[]>();
  for (const g of doc.dutyGoals) duties.set(g.organisation?.code ?? "", [...new Set(g.duties.map((d) => d.name))]);
  return {
    year: doc.disclosure.year,
    units: doc.organisations,
    duties,
    procurement: doc.disclosure.procurement.map((p) => ({
      organisation: p.organisation ?? "",
      items: p.lines.filter((l) => l.amount).map((l) => (l.project ?? l.item ?? "").slice(0, 200)),
    })),
  };
}

/** The item names of the budget's procurement lines on the budget page (inputs when editable, text when not). */
async function procurementItems(page: Page): Promise<string[]> {
  const cells = page.locator('[data-testid^="procurement-"][data-testid$="-itemName"]');
  const out: string[] = [];
  for (let i = 0; i < (await cells.count()); i++) {
    const c = cells.nth(i);
    out.push(
      (await c.evaluate((el) => el.tagName)) === "INPUT" ? await c.inputValue() : ((await c.textContent()) ?? ""),
    );
  }
  return out;
}

describe.skipIf(!hasChromium)("import wizard: the document's units and their organisations (seed 001)", () => {
  let h: Harness;
  let page: Page;
  let shell: Shell;
  let wizard: ImportUnitsWizard;
  let X: Expected;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    X = await expectedFromSeed();
    h = await startHarness();
    page = await h.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    shell = new Shell(page);
    wizard = new ImportUnitsWizard(page);
  });

  afterAll(async () => {
    await h?.close();
  });

  it("the seed names two units, the 交警大队 with its own duties and procurement table", () => {
    expect(X.units).toHaveLength(2);
    expect(X.units[1]!.code).toBeTruthy();
    expect(X.duties.get(X.units[1]!.code!)?.length).toBeGreaterThan(0);
    expect(X.procurement).toHaveLength(2);
  });

  it("a filler uploads seed 001 and sees both units: the department into their organisation, the 交警大队 as a new child", async () => {
    const filler = h.accounts.filler;
    expect(filler, "a demo filler account").toBeDefined();
    await shell.signIn(filler!.username, filler!.password);
    await waitForWorkspace(page);
    await shell.chooseOrg(UNIT);
    await shell.chooseYear(X.year);
    await wizard.open();
    await wizard.upload(SEED);

    expect(await wizard.unitNames()).toEqual(X.units.map((u) => `${u.name}${u.code ?? ""}`));
    const [dept, brigade] = X.units as [Expected["units"][0], Expected["units"][0]];
    const p0 = await wizard.proposal(dept.code!);
    expect(p0.action).toBe("本单位");
    expect(p0.text).toContain(UNIT);
    expect(p0.problem).toBeNull();
    // The filler's organisation is at level 2 of 4: a child can be created under it.
    const p1 = await wizard.proposal(brigade.code!);
    expect(p1.action).toBe("新建下级单位");
    expect(p1.text).toContain(brigade.name);
    expect(p1.problem).toBeNull();

    // What each unit brings: its duties and its budget's procurement lines (as the server's plan counts them).
    const brigadeDuties = X.duties.get(brigade.code!)!;
    expect(await wizard.brings(brigade.code!)).toContain(`${brigadeDuties.length} 项职责`);
    expect(await wizard.brings(brigade.code!)).toContain(`政府采购 ${X.procurement[1]!.items.length} 条`);
    expect(await wizard.brings(dept.code!)).toContain(`政府采购 ${X.procurement[0]!.items.length} 条`);

    // The choices: the proposal, then the filler's organisations under the chosen one (only itself here).
    const options = await wizard.options(brigade.code!);
    expect(options[0]).toBe(`新建下级单位「${brigade.name}」`);
    expect(options.slice(1).map((o) => o.replace(/（.*$/, "").trim())).toEqual([UNIT]);

    // The plan lists a duty of the same name for both units (道路交通管理 …) without a repeated row key.
    const shared = brigadeDuties.filter((d) => X.duties.get(dept.code!)!.includes(d));
    expect(shared.length).toBeGreaterThan(0);
    const planRows = page.getByTestId("import-plan").locator("tbody tr.ant-table-row");
    const keys = await planRows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-row-key")));
    expect(new Set(keys).size).toBe(keys.length);
    for (const name of shared) {
      await expect(planRows.filter({ hasText: name }).count()).resolves.toBeGreaterThanOrEqual(2);
    }
    await wizard.table().scrollIntoViewIfNeeded();
    await h.screenshot(page, "import-units", { publish: true });
  });

  it("commits: the 交警大队's procurement lines are on the budget page of the organisation created for it", async () => {
    const brigade = X.units[1]!;
    await wizard.commit();
    const written = await wizard.proposal(brigade.code!);
    expect(written.text).toContain(brigade.name);

    await wizard.openUnitPage(brigade.code!, "budget");
    await page.getByTestId("budget-page").waitFor();
    await waitForWorkspace(page);
    expect(await page.getByTestId("org-switcher").textContent()).toContain(brigade.name);
    const budget = new BudgetPage(page);
    await page.getByTestId("budget-card").waitFor();
    await budget.tab(/政府采购/);
    await page.getByTestId("procurement-0-itemName").waitFor();
    expect(await procurementItems(page)).toEqual(X.procurement[1]!.items);
    expect(pageErrors).toEqual([]);
  });

  it("the 交警大队's duties are on the duties page of that organisation, none of the department's own", async () => {
    const [dept, brigade] = X.units as [Expected["units"][0], Expected["units"][0]];
    await page.getByRole("menuitem", { name: /职责活动|Duties/ }).click();
    // The page, or the error it shows instead (named in the failure).
    const shownPage = page.locator('[data-testid="duties-page"], .ant-alert-error').first();
    await shownPage.waitFor();
    expect(await page.locator(".ant-alert-error").allTextContents()).toEqual([]);
    expect(await page.getByTestId("org-switcher").textContent()).toContain(brigade.name);
    const nodes = page.getByTestId("duty-node");
    await nodes.first().waitFor();
    const shown = (await nodes.allTextContents()).join("\n");
    for (const d of X.duties.get(brigade.code!)!) expect(shown).toContain(d);
    const deptOnly = X.duties.get(dept.code!)!.filter((d) => !X.duties.get(brigade.code!)!.includes(d));
    expect(deptOnly.length).toBeGreaterThan(0);
    for (const d of deptOnly) expect(shown).not.toContain(d);
  });

  it("the same file into another year: the 交警大队 is matched to that child; mapped onto the chosen organisation instead", async () => {
    const [dept, brigade] = X.units as [Expected["units"][0], Expected["units"][0]];
    await shell.chooseOrg(UNIT);
    await shell.chooseYear(OTHER_YEAR);
    await wizard.open();
    await wizard.upload(SEED);
    const p1 = await wizard.proposal(brigade.code!);
    expect(p1.action).toBe("已有机构");
    expect(p1.text).toContain(brigade.name);
    // The child created by the first import is now among the choices, under the chosen organisation.
    const options = (await wizard.options(brigade.code!)).map((o) => o.replace(/（.*$/, "").trim());
    expect(options.slice(1)).toEqual([UNIT, brigade.name]);

    await wizard.mapTo(brigade.code!, new RegExp(`^${UNIT}`));
    expect(await wizard.mapped(brigade.code!)).toContain(UNIT);
    await wizard.commit();
    const written = await wizard.proposal(brigade.code!);
    expect(written.action).toBe("指定");
    expect(written.text).toContain(UNIT);

    // Both procurement tables are now the chosen organisation's budget for that year.
    await wizard.openUnitPage(dept.code!, "budget");
    const budget = new BudgetPage(page);
    await page.getByTestId("budget-card").waitFor();
    await budget.tab(/政府采购/);
    await page.getByTestId("procurement-0-itemName").waitFor();
    expect(await procurementItems(page)).toEqual([...X.procurement[0]!.items, ...X.procurement[1]!.items]);
    expect(pageErrors).toEqual([]);
  });

  describe("a refused mapping: the organisation chosen for the 交警大队 is moved away before the commit", () => {
    let admin: Awaited<ReturnType<typeof apiAs>>;
    let filler: Awaited<ReturnType<typeof apiAs>>;
    let auditor: Awaited<ReturnType<typeof apiAs>>;
    let fillerId: string;
    /** The filler's organisation; under it the chosen organisation, and under that the one the 交警大队 is mapped to. */
    let own: { id: string };
    let chosen: { id: string; name: string };
    let target: { id: string; name: string; version: number };
    let importId: string;

    /**
     * What the commit would have written, as the API shows it: the import's state, the chosen organisation's duties
     * and budgets, its child organisations other than the group, and the filler's audit trail (every write is audited in its transaction,
     * also one into the group once it is out of the filler's reach).
     */
    const written = async () => {
      const orgs = (await admin.get("/orgs")).items as { id: string; parentId: string | null }[];
      const of = (what: "duties" | "budgets") => filler.get(`/${what}?orgId=${chosen.id}&year=${REFUSED_YEAR}`);
      return {
        state: (await filler.get(`/imports/${importId}`)).state as string,
        duties: ((await of("duties")).items as { name: string }[]).map((d) => d.name),
        budgets: ((await of("budgets")).items as { id: string }[]).map((b) => b.id),
        newChildren: orgs.filter((o) => o.parentId === chosen.id && o.id !== target.id).map((o) => o.id),
        // the refusal itself is recorded (request.refused, the security log), but nothing it would have written
        audited: ((await auditor.get(`/audit?actorId=${fillerId}`)).items as { id: string; action: string }[])
          .filter((a) => a.action !== "request.refused")
          .map((a) => `${a.id} ${a.action}`),
      };
    };

    beforeAll(async () => {
      admin = await apiAs(h, h.accounts.sysadmin!);
      filler = await apiAs(h, h.accounts.filler!);
      auditor = await apiAs(h, h.accounts.auditor!);
      fillerId = (await filler.get("/auth/session")).user.id;
      own = ((await admin.get("/orgs")).items as { id: string; name: string }[]).find((o) => o.name === UNIT)!;
      // A section of the filler's organisation (level 3) and a group under it (level 4, the deepest).
      chosen = await admin.post("/orgs", { parentId: own.id, code: "374101-91", name: "警务保障处装备科" });
      target = await admin.post("/orgs", { parentId: chosen.id, code: "374101-9101", name: "装备科一组" });
    });
    afterAll(async () => {
      await admin?.close();
      await filler?.close();
      await auditor?.close();
    });

    /** Uploads seed 001 into the chosen organisation and maps the 交警大队 onto the group; the import's id. */
    const uploadAndMapToGroup = async () => {
      const brigade = X.units[1]!;
      await wizard.upload(SEED);
      // The import the server stored: the newest upload of the filler's into the chosen organisation, by its audit row.
      const uploads = await auditor.get(`/audit?actorId=${fillerId}&action=import.upload&orgId=${chosen.id}`);
      importId = uploads.items[0].entityId;
      expect((await wizard.proposal(brigade.code!)).action).toBe("新建下级单位");
      await wizard.mapTo(brigade.code!, new RegExp(target.name));
      expect(await wizard.mapped(brigade.code!)).toContain(target.name);
      expect(await wizard.refusal(brigade.code!)).toBe("");
    };

    it("moved out from under the chosen organisation (still the filler's): refused at the 交警大队's row, nothing written", async () => {
      const [dept, brigade] = X.units as [Expected["units"][0], Expected["units"][0]];
      // The organisations made above are listed once the app loads them again.
      await page.reload();
      await waitForWorkspace(page);
      await shell.chooseOrg(chosen.name);
      await shell.chooseYear(REFUSED_YEAR);
      await wizard.open();
      await uploadAndMapToGroup();
      expect((await wizard.proposal(dept.code!)).text).toContain(chosen.name);
      const before = await written();

      // Meanwhile an administrator moves the group up beside the section, still within the filler's organisation.
      target = await admin.patch(`/orgs/${target.id}`, { version: target.version, parentId: own.id });

      expect(await wizard.commitAnswered()).toBe(400);
      expect(await wizard.refusal(brigade.code!)).toBe(
        `单位「${brigade.name}」只能对应「${chosen.name}」或其下级机构，「${target.name}」不在其中`,
      );
      expect(await wizard.markedRefused(brigade.code!)).toBe(true);
      expect(await wizard.refusal(dept.code!)).toBe("");
      expect(await wizard.markedRefused(dept.code!)).toBe(false);
      expect(await wizard.error()).toContain("单位对应未被接受");
      expect(await page.getByTestId("import-commit").isEnabled()).toBe(true);
      const after = await written();
      expect(after).toEqual(before);
      expect(after).toMatchObject({ state: "preview", duties: [], budgets: [], newChildren: [] });
      // The trail is read: the upload is in it, and nothing after it.
      expect(after.audited[0]).toMatch(/ import\.upload$/);
    });

    it("moved out of the filler's reach: refused at the 交警大队's row without naming where; the proposal then commits", async () => {
      const [dept, brigade] = X.units as [Expected["units"][0], Expected["units"][0]];
      // The same file again: the wizard still lists the group under the chosen organisation, as when it loaded.
      await uploadAndMapToGroup();
      const before = await written();
      // The administrator moves it to the top level, outside every organisation of the filler.
      target = await admin.patch(`/orgs/${target.id}`, { version: target.version, parentId: null });

      expect(await wizard.commitAnswered()).toBe(404);
      expect(await wizard.refusal(brigade.code!)).toBe(`单位「${brigade.name}」对应的机构不存在或无权查看`);
      expect(await wizard.markedRefused(brigade.code!)).toBe(true);
      expect(await wizard.refusal(dept.code!)).toBe("");
      expect(await wizard.error()).toContain("单位对应未被接受");
      const after = await written();
      expect(after).toEqual(before);
      expect(after.state).toBe("preview");

      // Back to the proposal: a new child of the chosen organisation for the 交警大队.
      await wizard.mapTo(brigade.code!, /^新建下级单位/);
      expect(await wizard.refusal(brigade.code!)).toBe("");
      expect(await wizard.markedRefused(brigade.code!)).toBe(false);
      expect(await wizard.commitAnswered()).toBe(200);
      expect((await wizard.proposal(brigade.code!)).action).toBe("新建下级单位");
      const committed = await written();
      expect(committed.state).toBe("committed");
      expect(committed.newChildren).toHaveLength(1);
      expect(committed.duties.length).toBeGreaterThan(0);
      expect(pageErrors).toEqual([]);
    });

    it("into an organisation at the deepest level: the wizard says the 交警大队 cannot be created and allows no commit until it is mapped", async () => {
      const [dept, brigade] = X.units as [Expected["units"][0], Expected["units"][0]];
      // A second group of the section: level 4, the deepest; nothing can be created under it.
      const deepest = await admin.post("/orgs", { parentId: chosen.id, code: "374101-9102", name: "装备科二组" });
      await page.reload();
      await waitForWorkspace(page);
      await shell.chooseOrg(deepest.name);
      await wizard.open();
      await wizard.upload(SEED);
      const uploads = await auditor.get(`/audit?actorId=${fillerId}&action=import.upload&orgId=${deepest.id}`);
      expect(uploads.items).toHaveLength(1);

      const p1 = await wizard.proposal(brigade.code!);
      expect(p1.action).toBe("新建下级单位");
      expect(p1.problem).toBe(
        `无法新建：「${deepest.name}」已是最末一级机构，不能在其下新建单位「${brigade.name}」；请将这些单位对应到已有机构`,
      );
      expect(await wizard.markedRefused(brigade.code!)).toBe(true);
      expect((await wizard.proposal(dept.code!)).problem).toBeNull();
      const commit = page.getByTestId("import-commit");
      expect(await commit.isEnabled()).toBe(false);
      expect(await commit.textContent()).toBe("有 1 个单位无法新建，请在「单位对应」中选择机构");
      const state = async () => (await filler.get(`/imports/${uploads.items[0].entityId}`)).state as string;
      expect(await state()).toBe("preview");

      // Mapped onto the chosen organisation itself: both units go into it.
      await wizard.mapTo(brigade.code!, new RegExp(`^${deepest.name}`));
      expect(await wizard.markedRefused(brigade.code!)).toBe(false);
      expect(await commit.isEnabled()).toBe(true);
      expect(await wizard.commitAnswered()).toBe(200);
      expect(await wizard.proposal(brigade.code!)).toMatchObject({ action: "指定" });
      expect(await state()).toBe("committed");
      const orgs = (await admin.get("/orgs")).items as { parentId: string | null }[];
      expect(orgs.filter((o) => o.parentId === deepest.id)).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  });
});
