-- Search re-index: jobs that rewrite cases' full-text rows in bounded steps from the cron
-- (a unit renamed, a full rebuild), and the cases registered before 0006 that have none.
CREATE TABLE `search_reindex_jobs` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`target` text,
	`cursor_at` integer,
	`cursor_row` integer,
	`cases` integer DEFAULT 0 NOT NULL,
	`requested_at` integer NOT NULL,
	`requested_by` text,
	`finished_at` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `search_reindex_jobs_open_idx` ON `search_reindex_jobs` (`tenant_id`,`finished_at`,`requested_at`);--> statement-breakpoint
CREATE INDEX `petitions_unindexed_idx` ON `petitions` (`tenant_id`,`registered_at`) WHERE `search_rowid` IS NULL;--> statement-breakpoint
-- 待我审核: a completion report waiting for the assigning office (replied, handed on, first
-- answer, not yet accepted), as a column SQLite derives, indexed only where it holds.
ALTER TABLE `petitions` ADD `awaiting_report` integer GENERATED ALWAYS AS (CASE WHEN status = 'replied' AND json_extract(routing, '$.kind') IN ('forward', 'assign') AND json_extract(routing, '$.report.acceptedOn') IS NULL AND json_extract(reply, '$.stage') = 'first' THEN 1 END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `petitions_awaiting_report_idx` ON `petitions` (`tenant_id`,`awaiting_report`,`registered_at`) WHERE `awaiting_report` IS NOT NULL;--> statement-breakpoint
-- The search box's filters: each filter leads an index ending in the registration time, so
-- a filtered page (newest or oldest first, any registration-date range) reads only its rows.
ALTER TABLE `petitions` ADD `category_class` text GENERATED ALWAYS AS (substr(category_code, 1, 2)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `petitions_filter_status_idx` ON `petitions` (`tenant_id`,`status`,`registered_at`);--> statement-breakpoint
CREATE INDEX `petitions_filter_channel_idx` ON `petitions` (`tenant_id`,`channel`,`registered_at`);--> statement-breakpoint
CREATE INDEX `petitions_filter_purpose_idx` ON `petitions` (`tenant_id`,`purpose`,`registered_at`);--> statement-breakpoint
CREATE INDEX `petitions_filter_category_idx` ON `petitions` (`tenant_id`,`category_code`,`registered_at`);--> statement-breakpoint
CREATE INDEX `petitions_filter_class_idx` ON `petitions` (`tenant_id`,`category_class`,`registered_at`);--> statement-breakpoint
CREATE INDEX `petitions_filter_unit_idx` ON `petitions` (`tenant_id`,`responsible_unit_id`,`registered_at`);--> statement-breakpoint
CREATE INDEX `petitions_filter_owner_idx` ON `petitions` (`tenant_id`,`owner_leader_id`,`registered_at`);--> statement-breakpoint
CREATE INDEX `petitions_filter_repeat_idx` ON `petitions` (`tenant_id`,`registered_at`) WHERE `repeat_of` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `petitions_filter_first_idx` ON `petitions` (`tenant_id`,`registered_at`) WHERE `repeat_of` IS NULL;--> statement-breakpoint
CREATE INDEX `petitions_filter_above_idx` ON `petitions` (`tenant_id`,`registered_at`) WHERE `source_level` IS NOT NULL;
--> statement-breakpoint
-- Orphaned R2 objects (an upload that died between R2 and D1): where each county's sweep
-- of its prefix has got to, and when its last full pass ended.
CREATE TABLE `file_sweeps` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`cursor` text,
	`passed_at` integer
);
--> statement-breakpoint
-- Thumbnails of images, made by the browser at upload (workerd has no image codec) and
-- stored beside the file's object; read through the same visibility rule as the file.
ALTER TABLE `case_files` ADD `thumb_key` text;--> statement-breakpoint
ALTER TABLE `case_files` ADD `thumb_type` text;--> statement-breakpoint
ALTER TABLE `case_files` ADD `thumb_size` integer;
