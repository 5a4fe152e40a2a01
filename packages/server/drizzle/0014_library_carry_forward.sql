CREATE TABLE "carried_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"from_year" integer NOT NULL,
	"to_year" integer NOT NULL,
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carried_records_kind_ck" CHECK ("carried_records"."kind" IN ('duty', 'project'))
);
--> statement-breakpoint
CREATE TABLE "library_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"mark" text NOT NULL,
	"note" text,
	"marked_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "library_marks_mark_ck" CHECK ("library_marks"."mark" IN ('recommended', 'not_allowed'))
);
--> statement-breakpoint
ALTER TABLE "carried_records" ADD CONSTRAINT "carried_records_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carried_records" ADD CONSTRAINT "carried_records_to_year_fiscal_years_year_fk" FOREIGN KEY ("to_year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_marks" ADD CONSTRAINT "library_marks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carried_records_source_uq" ON "carried_records" USING btree ("kind","source_id","to_year");--> statement-breakpoint
CREATE INDEX "carried_records_org_year_idx" ON "carried_records" USING btree ("org_id","to_year");--> statement-breakpoint
CREATE INDEX "carried_records_target_idx" ON "carried_records" USING btree ("target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "library_marks_org_key_uq" ON "library_marks" USING btree ("org_id","key");