CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"entity_version" integer NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"document" jsonb NOT NULL,
	"files" jsonb NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	CONSTRAINT "publications_type_ck" CHECK ("publications"."entity_type" IN ('project', 'goal', 'evaluation'))
);
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publications_org_year_idx" ON "publications" USING btree ("org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "publications_live_uq" ON "publications" USING btree ("entity_type","entity_id","entity_version") WHERE "publications"."withdrawn_at" IS NULL;