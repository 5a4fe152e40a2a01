ALTER TABLE "publications" DROP CONSTRAINT "publications_type_ck";--> statement-breakpoint
ALTER TABLE "department_budgets" ADD COLUMN "submitted_by" uuid;--> statement-breakpoint
ALTER TABLE "department_budgets" ADD CONSTRAINT "department_budgets_workflow_state_ck" CHECK ("department_budgets"."workflow_state" IN ('draft', 'submitted', 'unit_approved', 'approved', 'returned'));--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_type_ck" CHECK ("publications"."entity_type" IN ('project', 'goal', 'evaluation', 'budget'));