/**
 * Dates printed as spreadsheet serial numbers (`44,561` = 2021-12-31): the 1900 date system with its phantom
 * 1900-02-29, checked against the system's own definition (count the days from 1900-01-01, one more from March
 * 1900 on), and read as a deadline only where the cell asks for a date.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTarget } from "../../src/targets/parse.ts";
import { asksForDate, SERIAL_DATE_MAX, SERIAL_DATE_MIN, serialDateIso } from "../../src/targets/serial-date.ts";

const DAY = 86_400_000;
/** The serial of a date by the definition: day 1 is 1900-01-01, and Lotus's 1900-02-29 counts as a day. */
const serialOf = (y: number, m: number, d: number) => {
  const since = (Date.UTC(y, m - 1, d) - Date.UTC(1900, 0, 1)) / DAY + 1;
  return Date.UTC(y, m - 1, d) >= Date.UTC(1900, 2, 1) ? since + 1 : since;
};
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

const dateArb = (from: number, to: number) => fc.integer({ min: from / DAY, max: to / DAY }).map((days) => days * DAY);

describe("serialDateIso", () => {
  it("gives the date whose serial it is, across the 1900 quirk and up to 9999", () => {
    fc.assert(
      fc.property(dateArb(Date.UTC(1900, 0, 1), Date.UTC(9999, 11, 31)), (t) => {
        const d = new Date(t);
        expect(serialDateIso(serialOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()))).toBe(iso(t));
      }),
      { numRuns: 300 },
    );
  });
  it("has no date for the phantom 1900-02-29 (serial 60), 0, fractions or negatives", () => {
    expect(serialDateIso(59)).toBe("1900-02-28");
    expect(serialDateIso(60)).toBeUndefined();
    expect(serialDateIso(61)).toBe("1900-03-01");
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true, noNaN: true })), (n) => {
        expect(serialDateIso(n)).toBeUndefined();
      }),
    );
  });
  it("the range read as deadlines is 2000-01-01 … 2050-12-31", () => {
    expect(serialDateIso(SERIAL_DATE_MIN)).toBe("2000-01-01");
    expect(serialDateIso(SERIAL_DATE_MAX)).toBe("2050-12-31");
    expect(serialDateIso(44561)).toBe("2021-12-31");
  });
});

describe("parseTarget with dateSerial", () => {
  const written = (serial: number, comma: boolean) =>
    comma ? `${Math.floor(serial / 1000)},${String(serial % 1000).padStart(3, "0")}` : String(serial);

  it("reads a plausible serial, with or without a thousands comma, an operator or its copy, as the date; the text kept", () => {
    fc.assert(
      fc.property(
        dateArb(Date.UTC(2000, 0, 1), Date.UTC(2050, 11, 31)),
        fc.boolean(),
        fc.constantFrom("", "=", "≤", "<", "= ", "＝"),
        fc.boolean(),
        (t, comma, op, twice) => {
          const d = new Date(t);
          const serial = serialOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
          const w = written(serial, comma);
          const text = `${op}${w}${twice ? ` ${w}` : ""}`;
          const v = parseTarget(text, { dateSerial: true });
          expect(v.kind).toBe("deadline");
          expect(v.date).toBe(iso(t));
          expect(v.text).toBe(text);
          expect(v.inclusive).toBe(op !== "<");
        },
      ),
      { numRuns: 200 },
    );
  });

  it("leaves numbers out of the range, with a unit, or without the hint as they were", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: SERIAL_DATE_MIN - 1 }),
          fc.integer({ min: SERIAL_DATE_MAX + 1, max: 999999 }),
        ),
        (n) => {
          expect(parseTarget(String(n), { dateSerial: true })).toEqual(parseTarget(String(n)));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: SERIAL_DATE_MIN, max: SERIAL_DATE_MAX }),
        fc.constantFrom("", "元", "人次", "天"),
        (n, unit) => {
          const v = parseTarget(`${n}${unit}`);
          expect(v.kind).toBe("numeric");
          expect(v.value).toBe(n);
          if (unit !== "") expect(parseTarget(`${n}${unit}`, { dateSerial: true }).kind).toBe("numeric");
        },
      ),
    );
  });
});

describe("asksForDate: which cells hold a date", () => {
  it("a 时效 indicator (any wording of the framework's name), a name or unit saying a date; not a length of time", () => {
    for (const level2 of ["时效指标", "时效", "时效性指标"])
      expect(asksForDate(level2, "资金到位", "").date).toBe(true);
    expect(asksForDate("数量指标", "项目完成时间", "").date).toBe(true);
    expect(asksForDate("数量指标", "培训人数", "日期").date).toBe(true);
    expect(asksForDate("数量指标", "培训人数", "人").date).toBe(false);
    for (const unit of ["天", "工作日", "小时", "个月"])
      expect(asksForDate("时效指标", "办结时限", unit).date).toBe(false);
  });

  it("a unit cell naming a date or repeating the serial is no measure", () => {
    expect(asksForDate("时效指标", "资金到位时间", "44,561").unitIsDate).toBe(true);
    expect(asksForDate("时效指标", "资金到位时间", "年月日").unitIsDate).toBe(true);
    expect(asksForDate("数量指标", "培训人数", "100").unitIsDate).toBe(false);
  });
});
