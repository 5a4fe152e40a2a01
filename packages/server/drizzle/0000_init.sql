CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"org_id" uuid,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_role_ck" CHECK ("memberships"."role" IN ('filler', 'unit_approver', 'reviewer', 'viewer', 'sysadmin', 'secadmin', 'auditor')),
	CONSTRAINT "memberships_scope_ck" CHECK (("memberships"."role" IN ('sysadmin', 'secadmin', 'auditor')) = ("memberships"."org_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"org_id" uuid,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "asset_summaries" (
	"budget_id" uuid PRIMARY KEY NOT NULL,
	"buildings" numeric(18, 2) DEFAULT '0' NOT NULL,
	"vehicles" numeric(18, 2) DEFAULT '0' NOT NULL,
	"other" numeric(18, 2) DEFAULT '0' NOT NULL,
	"stated_total" numeric(18, 2),
	"vehicle_count" integer,
	"building_area" numeric(18, 4)
);
--> statement-breakpoint
CREATE TABLE "budget_execution" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"scope" text NOT NULL,
	"project_id" uuid,
	"month" integer,
	"initial_budget" numeric(18, 2),
	"adjustment" numeric(18, 2),
	"determined_budget" numeric(18, 2),
	"executed" numeric(18, 2),
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_execution_scope_ck" CHECK ("budget_execution"."scope" IN ('total', 'basic', 'project_spending', 'project')),
	CONSTRAINT "budget_execution_month_ck" CHECK ("budget_execution"."month" IS NULL OR "budget_execution"."month" BETWEEN 1 AND 12)
);
--> statement-breakpoint
CREATE TABLE "budget_income_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"budget_id" uuid NOT NULL,
	"category" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"prior_amount" numeric(18, 2),
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_spending_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"budget_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subkind" text,
	"class_code" text,
	"name" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"prior_amount" numeric(18, 2),
	"project_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "budget_spending_lines_kind_ck" CHECK ("budget_spending_lines"."kind" IN ('basic', 'project')),
	CONSTRAINT "budget_spending_lines_subkind_ck" CHECK ("budget_spending_lines"."subkind" IS NULL OR "budget_spending_lines"."subkind" IN ('personnel', 'public'))
);
--> statement-breakpoint
CREATE TABLE "department_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"income_total" numeric(18, 2),
	"expenditure_total" numeric(18, 2),
	"operating_funds" numeric(18, 2),
	"notes" text,
	"workflow_state" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"budget_id" uuid NOT NULL,
	"project_id" uuid,
	"catalog_code" text NOT NULL,
	"item_name" text NOT NULL,
	"category" text,
	"quantity" numeric(18, 4),
	"unit" text,
	"unit_price" numeric(18, 2),
	"amount" numeric(18, 2) NOT NULL,
	"funding_source" text,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "three_public_spending" (
	"budget_id" uuid PRIMARY KEY NOT NULL,
	"abroad" numeric(18, 2) DEFAULT '0' NOT NULL,
	"vehicle_purchase" numeric(18, 2) DEFAULT '0' NOT NULL,
	"vehicle_operation" numeric(18, 2) DEFAULT '0' NOT NULL,
	"reception" numeric(18, 2) DEFAULT '0' NOT NULL,
	"prior_abroad" numeric(18, 2),
	"prior_vehicle_purchase" numeric(18, 2),
	"prior_vehicle_operation" numeric(18, 2),
	"prior_reception" numeric(18, 2),
	"stated_total" numeric(18, 2),
	"change_reason" text
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"duty_id" uuid NOT NULL,
	"name" text NOT NULL,
	"budget" numeric(18, 2),
	"content" text,
	"goal" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"target_text" text,
	"target_parsed" jsonb,
	"standard_excellent" text,
	"standard_good" text,
	"standard_fair" text,
	"standard_poor" text,
	"standards_parsed" jsonb,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"stated_budget" numeric(18, 2),
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"indicator_id" uuid,
	"level1" text,
	"level2" text,
	"name" text NOT NULL,
	"target_text" text,
	"actual_text" text,
	"actual_parsed" jsonb,
	"points" numeric(18, 4),
	"stated_score" numeric(18, 4),
	"computed_score" numeric(18, 4),
	"override_reason" text,
	"deviation_reason" text,
	"deviation_cause" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "self_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"project_id" uuid,
	"department_goal_id" uuid,
	"initial_budget" numeric(18, 2),
	"full_year_budget" numeric(18, 2),
	"executed" numeric(18, 2),
	"execution_points" numeric(18, 4),
	"scheme" text,
	"stated_total" numeric(18, 4),
	"computed_total" numeric(18, 4),
	"stated_grade" text,
	"conclusion" text,
	"goals_met" text,
	"goals_not_met" text,
	"problems" text,
	"improvements" text,
	"workflow_state" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_evaluations_kind_ck" CHECK ("self_evaluations"."kind" IN ('project', 'department'))
);
--> statement-breakpoint
CREATE TABLE "department_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"annual_goal" text,
	"mid_term_goal" text,
	"workflow_state" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid,
	"department_goal_id" uuid,
	"parent_id" uuid,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"target_text" text,
	"target_parsed" jsonb,
	"unit" text,
	"nature_code" text,
	"weight" numeric(18, 4),
	"is_core" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_level_ck" CHECK ("indicators"."level" BETWEEN 1 AND 3),
	CONSTRAINT "indicators_owner_ck" CHECK (("indicators"."project_id" IS NULL) <> ("indicators"."department_goal_id" IS NULL)),
	CONSTRAINT "indicators_weight_ck" CHECK ("indicators"."weight" IS NULL OR "indicators"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"path" text NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"nature" text,
	"rank" text,
	"funding_form" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_nature_ck" CHECK ("organisations"."nature" IS NULL OR "organisations"."nature" IN ('行政', '事业', '企业', '其他'))
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"implementing_unit" text,
	"attribute" text,
	"category" text,
	"start_date" date,
	"end_date" date,
	"total_funds" numeric(18, 2),
	"annual_funds" numeric(18, 2),
	"fiscal_funds" numeric(18, 2),
	"carry_over_funds" numeric(18, 2),
	"other_funds" numeric(18, 2),
	"purpose" text,
	"annual_goal" text,
	"mid_term_goal" text,
	"workflow_state" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"submitted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_workflow_state_ck" CHECK ("projects"."workflow_state" IN ('draft', 'submitted', 'approved', 'returned'))
);
--> statement-breakpoint
CREATE TABLE "record_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"entity_version" integer NOT NULL,
	"state" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"comment" text,
	"entity_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fiscal_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fiscal_years_year_ck" CHECK ("fiscal_years"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "fiscal_years_status_ck" CHECK ("fiscal_years"."status" IN ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_summaries" ADD CONSTRAINT "asset_summaries_budget_id_department_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."department_budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_execution" ADD CONSTRAINT "budget_execution_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_execution" ADD CONSTRAINT "budget_execution_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_execution" ADD CONSTRAINT "budget_execution_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_income_lines" ADD CONSTRAINT "budget_income_lines_budget_id_department_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."department_budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_spending_lines" ADD CONSTRAINT "budget_spending_lines_budget_id_department_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."department_budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_spending_lines" ADD CONSTRAINT "budget_spending_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_budgets" ADD CONSTRAINT "department_budgets_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_budgets" ADD CONSTRAINT "department_budgets_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_lines" ADD CONSTRAINT "procurement_lines_budget_id_department_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."department_budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_lines" ADD CONSTRAINT "procurement_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "three_public_spending" ADD CONSTRAINT "three_public_spending_budget_id_department_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."department_budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_duty_id_duties_id_fk" FOREIGN KEY ("duty_id") REFERENCES "public"."duties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD CONSTRAINT "activity_indicators_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_items" ADD CONSTRAINT "evaluation_items_evaluation_id_self_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."self_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_items" ADD CONSTRAINT "evaluation_items_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD CONSTRAINT "self_evaluations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD CONSTRAINT "self_evaluations_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD CONSTRAINT "self_evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD CONSTRAINT "self_evaluations_department_goal_id_department_goals_id_fk" FOREIGN KEY ("department_goal_id") REFERENCES "public"."department_goals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_goals" ADD CONSTRAINT "department_goals_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_goals" ADD CONSTRAINT "department_goals_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_department_goal_id_department_goals_id_fk" FOREIGN KEY ("department_goal_id") REFERENCES "public"."department_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_parent_id_indicators_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_transitions" ADD CONSTRAINT "workflow_transitions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_username_uq" ON "accounts" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_uq" ON "memberships" USING btree ("account_id","role",coalesce("org_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "memberships_account_idx" ON "memberships" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_org_idx" ON "audit_events" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "budget_execution_org_year_idx" ON "budget_execution" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "budget_income_lines_budget_idx" ON "budget_income_lines" USING btree ("budget_id");--> statement-breakpoint
CREATE INDEX "budget_spending_lines_budget_idx" ON "budget_spending_lines" USING btree ("budget_id");--> statement-breakpoint
CREATE UNIQUE INDEX "department_budgets_org_year_rev_uq" ON "department_budgets" USING btree ("org_id","year","revision");--> statement-breakpoint
CREATE INDEX "procurement_lines_budget_idx" ON "procurement_lines" USING btree ("budget_id");--> statement-breakpoint
CREATE INDEX "activities_duty_idx" ON "activities" USING btree ("duty_id");--> statement-breakpoint
CREATE INDEX "activity_indicators_activity_idx" ON "activity_indicators" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "duties_org_year_idx" ON "duties" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "evaluation_items_evaluation_idx" ON "evaluation_items" USING btree ("evaluation_id");--> statement-breakpoint
CREATE INDEX "self_evaluations_org_year_idx" ON "self_evaluations" USING btree ("org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "department_goals_org_year_rev_uq" ON "department_goals" USING btree ("org_id","year","revision");--> statement-breakpoint
CREATE INDEX "indicators_project_idx" ON "indicators" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "indicators_goal_idx" ON "indicators" USING btree ("department_goal_id");--> statement-breakpoint
CREATE INDEX "indicators_parent_idx" ON "indicators" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_path_uq" ON "organisations" USING btree ("path");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_parent_code_uq" ON "organisations" USING btree ("parent_id","code");--> statement-breakpoint
CREATE INDEX "organisations_code_idx" ON "organisations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "organisations_path_pattern_idx" ON "organisations" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "projects_org_year_idx" ON "projects" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "projects_name_idx" ON "projects" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "record_snapshots_uq" ON "record_snapshots" USING btree ("entity_type","entity_id","entity_version","state");--> statement-breakpoint
CREATE INDEX "workflow_transitions_entity_idx" ON "workflow_transitions" USING btree ("entity_type","entity_id");