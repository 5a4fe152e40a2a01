/**
 * The monitoring form out (docs/export.md's pattern): one record as xlsx, docx or PDF, and a round's records in the
 * reader's scope as one zip (a folder per unit, 清单.txt). Any reader of the record may export it; every file that
 * leaves is audited (`export.monitoring`, `export.monitoring_round`) with its name, size and SHA-256.
 */
import { createHash } from "node:crypto";
import { DomainError } from "@jixiao/core";
import { type ExportFormat, pdfEngine, safeFileName, type WDocument, writeZip, zipPaths } from "@jixiao/documents";
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { presentAction } from "./actions.service.ts";
import { assessRecord, forecastOf } from "./assess.ts";
import { FORM_NAMES, type FormFile, monitoringForm, writeForm } from "./form.ts";
import { type Loaded, loadRecord, recordFor_, visibleRound } from "./monitoring.service.ts";
import { presentRecord } from "./presenters.ts";
import { actionsOf, recordsOfRound } from "./repository.ts";

function needPdf(format: ExportFormat) {
  if (format === "pdf" && !pdfEngine()) {
    throw new DomainError(
      "invalid_input",
      {
        zh: "本服务器无法生成 PDF：既没有安装 LibreOffice（soffice），也没有中文字体（fonts-noto-cjk）。请选 xlsx / docx。",
        en: "This server cannot produce PDF: neither LibreOffice (soffice) nor a CJK font is installed. Choose xlsx / docx.",
      },
      { field: "format" },
    );
  }
}

async function formOf(db: Db, r: Loaded) {
  const a = assessRecord(r, r.rows, r.execution);
  const [forecast, actions, org] = await Promise.all([
    forecastOf(db, r, r.rows, a),
    actionsOf(db, [r.id]),
    findOrganisation(db, r.orgId),
  ]);
  const parent = org?.parentId ? await findOrganisation(db, org.parentId) : undefined;
  return monitoringForm({
    record: presentRecord(r, r.rows, a),
    department: parent?.name ?? null,
    forecast: forecast.forecast,
    actions: actions.map(presentAction),
  });
}

/**
 * One record's form without an actor, for the batch job (which keeps to its starter's scope itself): `missing`
 * makes the error when the record is gone.
 */
export async function writeMonitoringForm(
  db: Db,
  id: string,
  format: ExportFormat,
  missing: () => Error,
): Promise<FormFile> {
  return writeForm(await monitoringFormPage(db, id, missing), format);
}

/** The page `writeMonitoringForm` writes, for writing elsewhere (the batch export's writer pool). */
export async function monitoringFormPage(db: Db, id: string, missing: () => Error): Promise<WDocument> {
  const r = await loadRecord(db, id);
  if (!r) throw missing();
  return formOf(db, r);
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** One record's form (any reader of the record), audited. */
export async function exportMonitoringRecord(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  id: string,
  format: ExportFormat,
): Promise<FormFile> {
  const r = await recordFor_(deps.db, actor, id);
  needPdf(format);
  const file = await writeForm(await formOf(deps.db, r), format);
  await transact(deps.db, (tx) =>
    recordAudit(tx, {
      actor,
      orgId: r.orgId,
      action: "export.monitoring",
      entityType: "monitoring_record",
      entityId: r.id,
      details: {
        title: FORM_NAMES[r.kind],
        fileName: file.fileName,
        size: file.data.length,
        sha256: sha256(file.data),
      },
      at: deps.now(),
    }),
  );
  return file;
}

/** A round's forms in the reader's scope, one zip: a folder per unit, 清单.txt; audited once for the zip. */
export async function exportMonitoringRound(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  roundId: string,
  format: ExportFormat,
): Promise<FormFile> {
  const { actor: a, round, scope } = await visibleRound(deps.db, actor, roundId);
  needPdf(format);
  const records = await recordsOfRound(deps.db, round.id, scope.all ? undefined : scope.paths);
  const entries: { path: string; data: Uint8Array }[] = [];
  for (const rec of records) {
    const r = (await loadRecord(deps.db, rec.id))!;
    const file = await writeForm(await formOf(deps.db, r), format, `${r.projectName}-${FORM_NAMES[r.kind]}`);
    const folder = safeFileName(r.orgName, "x").replace(/\.x$/, "");
    entries.push({ path: `${folder}/${file.fileName}`, data: file.data });
  }
  const paths = zipPaths(entries.map((e) => e.path));
  const title = `${round.orgName}-${round.year}年1–${round.cutoffMonth}月绩效运行监控表`;
  const manifest = [`${title}`, `格式 format: ${format}`, `文件 files: ${entries.length}`, "", ...paths, ""];
  const zip = writeZip([
    ...entries.map((e, i) => ({ path: paths[i]!, data: e.data })),
    { path: "清单.txt", data: manifest.join("\r\n") },
  ]).data;
  const fileName = safeFileName(title, "zip");
  await transact(deps.db, (tx) =>
    recordAudit(tx, {
      actor: a,
      orgId: round.orgId,
      action: "export.monitoring_round",
      entityType: "monitoring_round",
      entityId: round.id,
      details: { title, fileName, records: entries.length, format, size: zip.length, sha256: sha256(zip) },
      at: deps.now(),
    }),
  );
  return { data: zip, fileName, contentType: "application/zip" };
}
