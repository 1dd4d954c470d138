CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`seq` integer,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`detail` text,
	`prev_hash` text,
	`hash` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_chain_uq` ON `audit_log` (`tenant_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_unsealed_idx` ON `audit_log` (`tenant_id`,`at`) WHERE "audit_log"."seq" is null;--> statement-breakpoint
CREATE TABLE `booking_codes` (
	`tenant_id` text NOT NULL,
	`phone_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sent_at` integer NOT NULL,
	`sent_today` integer NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `phone_hash`)
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
CREATE TABLE `deadline_alerts` (
	`tenant_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`deadline_key` text NOT NULL,
	`due` text NOT NULL,
	`mark` text NOT NULL,
	`unit_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `petition_id`, `deadline_key`, `due`, `mark`)
);
--> statement-breakpoint
CREATE INDEX `deadline_alerts_tenant_at_idx` ON `deadline_alerts` (`tenant_id`,`at`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`channel` text NOT NULL,
	`event` text NOT NULL,
	`recipient_label` text NOT NULL,
	`recipient_sealed` text,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text,
	`params` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`provider_response` text,
	`not_before` integer,
	`enqueued_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_idempotency_uq` ON `deliveries` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `deliveries_tenant_created_idx` ON `deliveries` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_outbox_idx` ON `deliveries` (`tenant_id`,`status`,`enqueued_at`);--> statement-breakpoint
CREATE TABLE `dev_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dev_outbox_tenant_created_idx` ON `dev_outbox` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `local_categories` (
	`tenant_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `code`)
);
--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`channels_sealed` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`event` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`petition_id` text,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_inbox_idx` ON `notifications` (`tenant_id`,`staff_id`,`read_at`,`created_at`);--> statement-breakpoint
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
	`next_alert_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `petitions_tenant_tracking_uq` ON `petitions` (`tenant_id`,`tracking_code`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_deadline_idx` ON `petitions` (`tenant_id`,`next_deadline_at`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_alert_idx` ON `petitions` (`tenant_id`,`next_alert_at`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_unit_idx` ON `petitions` (`tenant_id`,`responsible_unit_id`,`status`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_id_hash_idx` ON `petitions` (`tenant_id`,`id_hash`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_phone_hash_idx` ON `petitions` (`tenant_id`,`phone_hash`);--> statement-breakpoint
CREATE INDEX `petitions_tenant_registered_idx` ON `petitions` (`tenant_id`,`registered_at`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint_uq` ON `push_subscriptions` (`tenant_id`,`endpoint`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_staff_idx` ON `push_subscriptions` (`tenant_id`,`staff_id`);--> statement-breakpoint
CREATE TABLE `reception_bookings` (
	`tenant_id` text NOT NULL,
	`code` text NOT NULL,
	`session_id` text NOT NULL,
	`date` text NOT NULL,
	`slot_start` text NOT NULL,
	`phone_hash` text NOT NULL,
	`party_sealed` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `code`)
);
--> statement-breakpoint
CREATE INDEX `reception_bookings_phone_idx` ON `reception_bookings` (`tenant_id`,`phone_hash`,`date`);--> statement-breakpoint
CREATE INDEX `reception_bookings_session_idx` ON `reception_bookings` (`tenant_id`,`session_id`);--> statement-breakpoint
CREATE INDEX `reception_bookings_date_idx` ON `reception_bookings` (`tenant_id`,`date`,`status`);--> statement-breakpoint
CREATE TABLE `reception_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`leader_id` text NOT NULL,
	`leader_name` text NOT NULL,
	`leader_position` text NOT NULL,
	`portfolio` text,
	`topics` text,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`venue` text NOT NULL,
	`form` text NOT NULL,
	`slot_minutes` integer NOT NULL,
	`capacity_per_slot` integer NOT NULL,
	`status` text NOT NULL,
	`series_id` text,
	`published_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reception_sessions_tenant_date_idx` ON `reception_sessions` (`tenant_id`,`date`);--> statement-breakpoint
CREATE INDEX `reception_sessions_tenant_unit_date_idx` ON `reception_sessions` (`tenant_id`,`unit_id`,`date`);--> statement-breakpoint
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
CREATE TABLE `scan_runs` (
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`day` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `name`, `day`)
);
--> statement-breakpoint
CREATE TABLE `supervisions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`deadline_key` text NOT NULL,
	`due` text NOT NULL,
	`unit_id` text NOT NULL,
	`status` text NOT NULL,
	`form` text,
	`history` text NOT NULL,
	`opened_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervisions_breach_uq` ON `supervisions` (`tenant_id`,`petition_id`,`deadline_key`,`due`);--> statement-breakpoint
CREATE INDEX `supervisions_tenant_status_idx` ON `supervisions` (`tenant_id`,`status`,`unit_id`);--> statement-breakpoint
CREATE TABLE `tenant_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`deadline_policy` text,
	`reception_policy` text,
	`updated_at` integer NOT NULL
);
