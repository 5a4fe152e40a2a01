/**
 * The writer pool (issue 14): pages written by worker threads are the documents this thread writes — every part of
 * the xlsx and docx the same, only the creation time in docProps/core.xml may differ — and a writer's error comes
 * back as the same kind of error (a `DomainError` keeps its code and text) without stopping the pool. A stored
 * record's document sent whole (`writeForm`) is laid out by the worker: the same files as `formPage` here.
 */
import { DomainError } from "@jixiao/core";
import { afterAll, describe, expect, it } from "vitest";
import { formPage, writeDocx, writeXlsx } from "../../src/write/index.ts";
import { buildLayout, layoutsFor } from "../../src/write/layouts.ts";
import type { WDocument } from "../../src/write/model.ts";
import { writerPool, writerPoolSize } from "../../src/write/pool.ts";
import { SEEDS, seedDocument } from "./fixtures.ts";
import { parts } from "./parts.ts";

const pages: WDocument[] = SEEDS.flatMap((s) => {
  const doc = seedDocument(s);
  return layoutsFor(doc).map((l) => buildLayout(doc, l));
}).slice(0, 6);

describe("writerPool", () => {
  const pool = writerPool(2);
  afterAll(() => pool.close());

  it("writes every seed's layouts in xlsx and docx with the same parts as this thread", async () => {
    expect(pages.length).toBe(6);
    const pooled = await Promise.all(pages.flatMap((p) => [pool.write(p, "xlsx"), pool.write(p, "docx")]));
    for (const [i, page] of pages.entries()) {
      expect(parts(pooled[2 * i]!)).toEqual(parts(await writeXlsx(page)));
      expect(parts(pooled[2 * i + 1]!)).toEqual(parts(await writeDocx(page)));
    }
  });

  it("lays out a stored record's document in the worker: the files of formPage written here, each format", async () => {
    const docs = SEEDS.map(seedDocument).filter((d) => layoutsFor(d).includes("project-goals"));
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const page = formPage(doc, "project-goals");
      const written = await pool.writeForm(doc, "project-goals", ["docx", "xlsx"]);
      expect(written.map((w) => ("data" in w ? parts(w.data) : w.error))).toEqual([
        parts(await writeDocx(page)),
        parts(await writeXlsx(page)),
      ]);
    }
  });

  it("a document without the layout's data fails every format with the layout's error", async () => {
    const doc = SEEDS.map(seedDocument).find((d) => !layoutsFor(d).includes("budget-disclosure"))!;
    let own: unknown;
    try {
      formPage(doc, "budget-disclosure");
    } catch (e) {
      own = e;
    }
    expect(own).toBeInstanceOf(DomainError);
    for (const p of [pool, writerPool(0)]) {
      const written = await p.writeForm(doc, "budget-disclosure", ["xlsx", "docx"]);
      expect(written).toHaveLength(2);
      for (const w of written) {
        expect("error" in w && w.error).toBeInstanceOf(DomainError);
        expect("error" in w && (w.error as DomainError).text).toEqual((own as DomainError).text);
      }
    }
  });

  it("a page a writer cannot write fails with the writer's error; the pool goes on", async () => {
    const broken = { title: "x", sections: [{ blocks: [{ type: "table", table: { rows: null } }] }] };
    const own = await writeDocx(broken as unknown as WDocument).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(own).toBeInstanceOf(Error);
    const e = await pool.write(broken as unknown as WDocument, "docx").then(
      () => undefined,
      (e: Error) => e,
    );
    expect(e).toBeInstanceOf(Error);
    expect(e!.message).toBe(own!.message);
    expect(parts(await pool.write(pages[0]!, "docx"))).toEqual(parts(await writeDocx(pages[0]!)));
  });

  it("refuses pages once closed; size 0 writes in this thread", async () => {
    const p = writerPool(1);
    await p.close();
    await expect(p.write(pages[0]!, "xlsx")).rejects.toThrow(/closed/);
    const here = writerPool(0);
    expect(here.size).toBe(0);
    expect(parts(await here.write(pages[0]!, "xlsx"))).toEqual(parts(await writeXlsx(pages[0]!)));
  });

  it("is as large as JIXIAO_EXPORT_WORKERS says, else the cores", () => {
    expect(writerPoolSize({ JIXIAO_EXPORT_WORKERS: "3" })).toBe(3);
    expect(writerPoolSize({ JIXIAO_EXPORT_WORKERS: "0" })).toBe(0);
    expect(writerPoolSize({ JIXIAO_EXPORT_WORKERS: "many" })).toBeGreaterThanOrEqual(1);
    expect(writerPoolSize({})).toBeGreaterThanOrEqual(1);
  });
});
