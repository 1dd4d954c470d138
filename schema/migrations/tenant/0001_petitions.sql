CREATE TABLE `audit_log` (
	`tenant_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`detail` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `calendar_days` (
	`tenant_id` text NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `date`)
);
--> statement-breakpoint
CREATE TABLE `local_categories` (
	`tenant_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `code`)
);
--> statement-breakpoint
CREATE TABLE `petition_events` (
	`tenant_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`version` integer NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text,
	`actor_unit_id` text,
	`note` text,
	`detail` text,
	PRIMARY KEY(`tenant_id`, `petition_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `petitions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`tracking_code` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`channel` text NOT NULL,
	`purpose` text NOT NULL,
	`category_code` text NOT NULL,
	`confidential` integer NOT NULL,
	`received_on` text NOT NULL,
	`registered_at` integer NOT NULL,
	`registered_by` text,
	`registering_unit_id` text NOT NULL,
	`responsible_unit_id` text NOT NULL,
	`handler_id` text,
	`owner_leader_id` text,
	`subject_unit_id` text,
	`subject_text` text,
	`headcount` integer NOT NULL,
	`anonymous` integer NOT NULL,
	`petitioner_sealed` text,
	`id_hash` text,
	`phone_hash` text,
	`material` text NOT NULL,
	`attachments` text NOT NULL,
	`flags` text NOT NULL,
	`repeat_of` text,
	`routing` text,
	`extension_days` integer DEFAULT 0 NOT NULL,
	`paused_days` integer DEFAULT 0 NOT NULL,
	`reply` text,
	`replied_on` text,
	`review_requested_on` text,
	`re_review_requested_on` text,
	`evaluation` text,
	`closure` text,
	`owner_signed_off` integer DEFAULT false NOT NULL,
	`deadlines` text NOT NULL,
	`next_deadline_at` integer,
	`next_deadline_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `petitions_tenant_tracking_uq` ON `petitions` (`tenant_id`,`tracking_code`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_deadline_idx` ON `petitions` (`tenant_id`,`next_deadline_at`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_unit_idx` ON `petitions` (`tenant_id`,`responsible_unit_id`,`status`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_id_hash_idx` ON `petitions` (`tenant_id`,`id_hash`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_phone_hash_idx` ON `petitions` (`tenant_id`,`phone_hash`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_registered_idx` ON `petitions` (`tenant_id`,`registered_at`);--> statement-breakpoint
CREATE TABLE `recusals` (
	`tenant_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`reason` text NOT NULL,
	`declared_by` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `petition_id`, `staff_id`)
);
--> statement-breakpoint
CREATE INDEX `recusals_tenant_staff_idx` ON `recusals` (`tenant_id`,`staff_id`);--> statement-breakpoint
CREATE TABLE `tenant_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`deadline_policy` text,
	`updated_at` integer NOT NULL
);
