CREATE TABLE "exante_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"points" jsonb NOT NULL,
	"scores" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"total" numeric(8, 2) NOT NULL,
	"full_marks" numeric(8, 2) NOT NULL,
	"derived" text NOT NULL,
	"conclusion" text NOT NULL,
	"override_reason" text,
	"opinion" text,
	"source" text DEFAULT 'reviewer' NOT NULL,
	"assignment_id" uuid,
	"assessed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exante_assessments_conclusion_ck" CHECK ("exante_assessments"."conclusion" IN ('予以支持', '部分支持', '不予支持')),
	CONSTRAINT "exante_assessments_derived_ck" CHECK ("exante_assessments"."derived" IN ('予以支持', '部分支持', '不予支持')),
	CONSTRAINT "exante_assessments_source_ck" CHECK ("exante_assessments"."source" IN ('reviewer', 'experts'))
);
--> statement-breakpoint
CREATE TABLE "expert_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"subject" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"title" text NOT NULL,
	"form_id" text NOT NULL,
	"form" jsonb NOT NULL,
	"threshold_percent" numeric(5, 2) DEFAULT '20' NOT NULL,
	"deadline" date NOT NULL,
	"note" text,
	"state" text DEFAULT 'open' NOT NULL,
	"decision_reason" text,
	"adopted_total" numeric(8, 2),
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_assignments_subject_ck" CHECK ("expert_assignments"."subject" IN ('project_goals', 'self_evaluation', 'exante')),
	CONSTRAINT "expert_assignments_state_ck" CHECK ("expert_assignments"."state" IN ('open', 'adopted', 'not_adopted')),
	CONSTRAINT "expert_assignments_threshold_ck" CHECK ("expert_assignments"."threshold_percent" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "expert_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_forms_subject_ck" CHECK ("expert_forms"."subject" IN ('project_goals', 'self_evaluation', 'exante'))
);
--> statement-breakpoint
CREATE TABLE "expert_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opinion" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_reviews_state_ck" CHECK ("expert_reviews"."state" IN ('pending', 'submitted'))
);
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_ck";--> statement-breakpoint
ALTER TABLE "exante_assessments" ADD CONSTRAINT "exante_assessments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exante_assessments" ADD CONSTRAINT "exante_assessments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exante_assessments" ADD CONSTRAINT "exante_assessments_assignment_id_expert_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."expert_assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_forms" ADD CONSTRAINT "expert_forms_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_reviews" ADD CONSTRAINT "expert_reviews_assignment_id_expert_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."expert_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_reviews" ADD CONSTRAINT "expert_reviews_expert_id_accounts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exante_assessments_project_uq" ON "exante_assessments" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "expert_assignments_org_year_idx" ON "expert_assignments" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "expert_assignments_entity_idx" ON "expert_assignments" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "expert_forms_org_idx" ON "expert_forms" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "expert_reviews_assignment_expert_uq" ON "expert_reviews" USING btree ("assignment_id","expert_id");--> statement-breakpoint
CREATE INDEX "expert_reviews_expert_idx" ON "expert_reviews" USING btree ("expert_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_ck" CHECK ("memberships"."role" IN ('filler', 'unit_approver', 'reviewer', 'viewer', 'expert', 'sysadmin', 'secadmin', 'auditor'));