-- Evidence files on R2: the county's limits, and one row per file (never deleted).
ALTER TABLE `tenant_settings` ADD `file_policy` text;--> statement-breakpoint
CREATE TABLE `case_files` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`step` text NOT NULL,
	`added_by` text,
	`added_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_by` text,
	`withdraw_reason` text
);
--> statement-breakpoint
CREATE INDEX `case_files_tenant_petition_idx` ON `case_files` (`tenant_id`,`petition_id`,`added_at`);
