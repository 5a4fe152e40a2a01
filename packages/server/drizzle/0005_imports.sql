CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"state" text DEFAULT 'reading' NOT NULL,
	"source" "bytea",
	"result" jsonb,
	"plan" jsonb,
	"error" jsonb,
	"created" jsonb,
	"job_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	CONSTRAINT "imports_state_ck" CHECK ("imports"."state" IN ('reading', 'preview', 'failed', 'committed'))
);
--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_org_year_idx" ON "imports" USING btree ("org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "imports_committed_uq" ON "imports" USING btree ("org_id","year","sha256") WHERE "imports"."state" = 'committed';