CREATE TABLE "review_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"entity_version" integer NOT NULL,
	"org_id" uuid NOT NULL,
	"engine_verdict" text NOT NULL,
	"engine_points" integer NOT NULL,
	"reviewer_verdict" text NOT NULL,
	"comment" text,
	"counts" jsonb NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_decisions_type_ck" CHECK ("review_decisions"."entity_type" IN ('project', 'goal', 'evaluation', 'import')),
	CONSTRAINT "review_decisions_verdict_ck" CHECK ("review_decisions"."reviewer_verdict" IN ('优', '良', '中', '差'))
);
--> statement-breakpoint
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_decisions_entity_idx" ON "review_decisions" USING btree ("entity_type","entity_id");