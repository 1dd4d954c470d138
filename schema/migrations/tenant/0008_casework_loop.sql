ALTER TABLE `petitions` ADD `notice_owed` integer DEFAULT true NOT NULL;
--> statement-breakpoint
ALTER TABLE `petitions` ADD `noticed_on` text;
--> statement-breakpoint
ALTER TABLE `petitions` ADD `extension_request` text;
--> statement-breakpoint
ALTER TABLE `petitions` ADD `source_level` text;
--> statement-breakpoint
ALTER TABLE `petitions` ADD `upstream_ref` text;
--> statement-breakpoint
ALTER TABLE `petitions` ADD `upstream_due` text;
--> statement-breakpoint
ALTER TABLE `petitions` ADD `upstream_reported_on` text;
--> statement-breakpoint
ALTER TABLE `petitions` ADD `review_listed_at` integer;
--> statement-breakpoint
ALTER TABLE `petitions` ADD `review_reason` text;
--> statement-breakpoint
CREATE INDEX `petitions_tenant_review_list_idx` ON `petitions` (`tenant_id`,`review_listed_at`);
--> statement-breakpoint
CREATE INDEX `petitions_tenant_source_idx` ON `petitions` (`tenant_id`,`source_level`,`registered_at`);
--> statement-breakpoint
UPDATE `petitions` SET `notice_owed` = false WHERE `anonymous` = 1;
--> statement-breakpoint
CREATE TABLE `petition_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`kind` text NOT NULL,
	`method` text NOT NULL,
	`content` text NOT NULL,
	`at` integer NOT NULL,
	`recorded_by` text
);
--> statement-breakpoint
CREATE INDEX `petition_notices_case_idx` ON `petition_notices` (`tenant_id`,`petition_id`,`at`);
--> statement-breakpoint
UPDATE `supervisions` SET `status` = 'resolved', `resolved_at` = `updated_at` WHERE `status` = 'open' AND `rowid` NOT IN (SELECT min(`rowid`) FROM `supervisions` WHERE `status` = 'open' GROUP BY `tenant_id`, `petition_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervisions_open_case_uq` ON `supervisions` (`tenant_id`,`petition_id`) WHERE "supervisions"."status" = 'open';
--> statement-breakpoint
CREATE TABLE `assisting_units` (
	`tenant_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`added_by` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `petition_id`, `unit_id`)
);
--> statement-breakpoint
CREATE TABLE `case_opinions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_opinions_case_idx` ON `case_opinions` (`tenant_id`,`petition_id`,`at`);
