CREATE TABLE "rectification_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"source_kind" text NOT NULL,
	"source_entity_type" text,
	"source_entity_id" uuid,
	"source_ref" text,
	"shortfall" text,
	"problem" text NOT NULL,
	"required_measures" text NOT NULL,
	"deadline" date NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"measures_taken" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"review_comment" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_items_state_ck" CHECK ("rectification_items"."state" IN ('pending', 'in_progress', 'submitted', 'accepted', 'returned')),
	CONSTRAINT "rectification_items_source_ck" CHECK ("rectification_items"."source_kind" IN ('review_finding', 'evaluation', 'monitoring_warning', 'expert_opinion')),
	CONSTRAINT "rectification_items_shortfall_ck" CHECK ("rectification_items"."shortfall" IS NULL OR "rectification_items"."shortfall" IN ('missed_target', 'grade', 'execution'))
);
--> statement-breakpoint
CREATE TABLE "rectification_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"comment" text,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rectification_attachments" ADD CONSTRAINT "rectification_attachments_item_id_rectification_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."rectification_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_steps" ADD CONSTRAINT "rectification_steps_item_id_rectification_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."rectification_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rectification_attachments_item_idx" ON "rectification_attachments" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "rectification_items_org_year_idx" ON "rectification_items" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "rectification_items_source_idx" ON "rectification_items" USING btree ("source_entity_id");--> statement-breakpoint
CREATE INDEX "rectification_steps_item_idx" ON "rectification_steps" USING btree ("item_id","at");