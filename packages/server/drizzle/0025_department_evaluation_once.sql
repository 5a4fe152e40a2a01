-- A database that already holds two 部门整体 self-evaluations of one organisation and year (only plain SQL could have
-- written them: the service refuses a second one) stops here with a message that says which, not a bare unique violation.
DO $$
DECLARE d record;
BEGIN
  SELECT org_id, year, count(*) AS n INTO d FROM self_evaluations WHERE kind = 'department'
    GROUP BY org_id, year HAVING count(*) > 1 ORDER BY org_id, year LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '迁移 0025：组织 % 的 % 年度有 % 份部门整体自评，每个单位每年只能有一份；请合并或删除多余的自评后再启动 / migration 0025: organisation % has % department self-evaluations for % (one per organisation and year): merge or delete the extra ones, then start again',
      d.org_id, d.year, d.n, d.org_id, d.n, d.year;
  END IF;
END $$;
--> statement-breakpoint
CREATE UNIQUE INDEX "self_evaluations_department_org_year_uq" ON "self_evaluations" USING btree ("org_id","year") WHERE "self_evaluations"."kind" = 'department';
