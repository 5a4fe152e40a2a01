CREATE TABLE "monitoring_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"indicator_id" uuid,
	"level1" text,
	"level2" text,
	"name" text NOT NULL,
	"target_text" text,
	"unit" text,
	"points" numeric(18, 4),
	"progress" text,
	"forecast" text,
	"likelihood" text,
	"deviation_category" text,
	"deviation_reason" text,
	"corrective_measures" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "monitoring_indicators_likelihood_ck" CHECK ("monitoring_indicators"."likelihood" IS NULL OR "monitoring_indicators"."likelihood" IN ('确定能', '有可能', '完全不可能')),
	CONSTRAINT "monitoring_indicators_category_ck" CHECK ("monitoring_indicators"."deviation_category" IS NULL OR "monitoring_indicators"."deviation_category" IN ('经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'))
);
--> statement-breakpoint
CREATE TABLE "monitoring_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"project_id" uuid NOT NULL,
	"projected_executed" numeric(18, 2),
	"execution_reason" text,
	"execution_measures" text,
	"workflow_state" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_records_workflow_state_ck" CHECK ("monitoring_records"."workflow_state" IN ('draft', 'submitted', 'unit_approved', 'approved', 'returned'))
);
--> statement-breakpoint
CREATE TABLE "monitoring_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"cutoff_month" integer NOT NULL,
	"deadline" date NOT NULL,
	"title" text,
	"yellow_behind" numeric(6, 2) DEFAULT '10' NOT NULL,
	"red_behind" numeric(6, 2) DEFAULT '20' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_rounds_month_ck" CHECK ("monitoring_rounds"."cutoff_month" BETWEEN 1 AND 12),
	CONSTRAINT "monitoring_rounds_thresholds_ck" CHECK ("monitoring_rounds"."yellow_behind" > 0 AND "monitoring_rounds"."red_behind" >= "monitoring_rounds"."yellow_behind")
);
--> statement-breakpoint
ALTER TABLE "monitoring_indicators" ADD CONSTRAINT "monitoring_indicators_record_id_monitoring_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."monitoring_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicators" ADD CONSTRAINT "monitoring_indicators_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_records" ADD CONSTRAINT "monitoring_records_round_id_monitoring_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."monitoring_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_records" ADD CONSTRAINT "monitoring_records_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_records" ADD CONSTRAINT "monitoring_records_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_records" ADD CONSTRAINT "monitoring_records_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rounds" ADD CONSTRAINT "monitoring_rounds_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rounds" ADD CONSTRAINT "monitoring_rounds_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_indicators_record_idx" ON "monitoring_indicators" USING btree ("record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_records_round_project_uq" ON "monitoring_records" USING btree ("round_id","project_id");--> statement-breakpoint
CREATE INDEX "monitoring_records_org_idx" ON "monitoring_records" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_rounds_org_year_month_uq" ON "monitoring_rounds" USING btree ("org_id","year","cutoff_month");