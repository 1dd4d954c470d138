-- What a booking is about (purpose, category), chosen by the citizen when booking.
CREATE TABLE `reception_booking_about` (
	`tenant_id` text NOT NULL,
	`booking_code` text NOT NULL,
	`session_id` text NOT NULL,
	`purpose` text,
	`category_code` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `booking_code`)
);
--> statement-breakpoint
CREATE INDEX `reception_booking_about_session_idx` ON `reception_booking_about` (`tenant_id`,`session_id`);
--> statement-breakpoint
-- Appointments (约访): an invitation to a case's petitioner, answered through a link.
CREATE TABLE `reception_appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`session_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`booking_code` text NOT NULL,
	`slot_start` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`status` text NOT NULL,
	`note_sealed` text,
	`invited_by` text NOT NULL,
	`answered_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reception_appointments_token_idx` ON `reception_appointments` (`tenant_id`,`token_hash`);
--> statement-breakpoint
CREATE UNIQUE INDEX `reception_appointments_case_idx` ON `reception_appointments` (`tenant_id`,`session_id`,`petition_id`);
--> statement-breakpoint
CREATE INDEX `reception_appointments_booking_idx` ON `reception_appointments` (`tenant_id`,`booking_code`);
--> statement-breakpoint
-- Field reception (下访): the township a session is held in, and the cases taken along.
ALTER TABLE `reception_sessions` ADD `township_id` text;
--> statement-breakpoint
CREATE TABLE `reception_field_cases` (
	`tenant_id` text NOT NULL,
	`session_id` text NOT NULL,
	`petition_id` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `session_id`, `petition_id`)
);
