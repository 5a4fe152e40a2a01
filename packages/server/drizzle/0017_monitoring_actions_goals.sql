CREATE TABLE "monitoring_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"amount" numeric(18, 2),
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	CONSTRAINT "monitoring_actions_kind_ck" CHECK ("monitoring_actions"."kind" IN ('notice', 'require_correction', 'propose_reduce', 'propose_defer'))
);
--> statement-breakpoint
ALTER TABLE "monitoring_records" ALTER COLUMN "project_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "monitoring_records" ADD COLUMN "department_goal_id" uuid;--> statement-breakpoint
ALTER TABLE "monitoring_actions" ADD CONSTRAINT "monitoring_actions_record_id_monitoring_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."monitoring_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_actions" ADD CONSTRAINT "monitoring_actions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_actions_record_idx" ON "monitoring_actions" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "monitoring_actions_org_idx" ON "monitoring_actions" USING btree ("org_id");--> statement-breakpoint
ALTER TABLE "monitoring_records" ADD CONSTRAINT "monitoring_records_department_goal_id_department_goals_id_fk" FOREIGN KEY ("department_goal_id") REFERENCES "public"."department_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_records_round_goal_uq" ON "monitoring_records" USING btree ("round_id","department_goal_id");--> statement-breakpoint
ALTER TABLE "monitoring_records" ADD CONSTRAINT "monitoring_records_owner_ck" CHECK (("monitoring_records"."project_id" IS NULL) <> ("monitoring_records"."department_goal_id" IS NULL));