ALTER TABLE "projects" ADD COLUMN "supersedes_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_supersedes_id_projects_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_supersedes_uq" ON "projects" USING btree ("supersedes_id");