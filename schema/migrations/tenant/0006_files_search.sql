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
--> statement-breakpoint
-- Search: a blind index of the petitioner's name beside the phone and ID hashes; the case's
-- place in the full-text index; the work lists' indexes (owner leader, unit by deadline).
ALTER TABLE `petitions` ADD `name_hash` text;--> statement-breakpoint
ALTER TABLE `petitions` ADD `search_rowid` integer;--> statement-breakpoint
CREATE INDEX `petitions_tenant_name_hash_idx` ON `petitions` (`tenant_id`,`name_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `petitions_search_rowid_uq` ON `petitions` (`search_rowid`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_owner_deadline_idx` ON `petitions` (`tenant_id`,`owner_leader_id`,`next_deadline_at`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_unit_deadline_idx` ON `petitions` (`tenant_id`,`responsible_unit_id`,`next_deadline_at`);--> statement-breakpoint
-- What cases are about, as county-prefixed character bigrams (see workers/domain/search):
-- never personal data. rowid = petitions.search_rowid.
CREATE VIRTUAL TABLE `case_search` USING fts5(`body`, tokenize = 'unicode61');
