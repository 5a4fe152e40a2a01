CREATE TABLE "scoring_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"scheme_id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD COLUMN "actual_text" text;--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD COLUMN "tier_reached" text;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD COLUMN "score_result" jsonb;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD COLUMN "score_input" jsonb;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD COLUMN "score_notes" jsonb;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD COLUMN "score_scheme_id" text;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD COLUMN "score_scheme_version" integer;--> statement-breakpoint
ALTER TABLE "self_evaluations" ADD COLUMN "scored_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scoring_schemes" ADD CONSTRAINT "scoring_schemes_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_schemes" ADD CONSTRAINT "scoring_schemes_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scoring_schemes_org_year_version_uq" ON "scoring_schemes" USING btree ("org_id","year","version");--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD CONSTRAINT "activity_indicators_tier_ck" CHECK ("activity_indicators"."tier_reached" IS NULL OR "activity_indicators"."tier_reached" IN ('优', '良', '中', '差'));