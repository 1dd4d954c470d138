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
ALTER TABLE `petitions` ADD `next_alert_at` integer;--> statement-breakpoint
CREATE INDEX `petitions_tenant_alert_idx` ON `petitions` (`tenant_id`,`next_alert_at`);