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
ALTER TABLE `tenant_settings` ADD `reception_policy` text;