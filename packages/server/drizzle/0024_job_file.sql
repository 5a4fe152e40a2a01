ALTER TABLE "jobs" ADD COLUMN "file" "bytea";--> statement-breakpoint
-- Zips stored before this migration (base64 under "blobBase64" in the job's result) move to the new column.
UPDATE "jobs" SET "file" = decode("result" ->> 'blobBase64', 'base64'), "result" = "result" - 'blobBase64'
  WHERE "result" ->> 'blobBase64' IS NOT NULL;
