-- One-time codes moved into each phone's Durable Object, the single writer that spends them.
DROP TABLE `booking_codes`;--> statement-breakpoint
CREATE TABLE `edge_counters` (
	`tenant_id` text NOT NULL,
	`bucket` text NOT NULL,
	`window` text NOT NULL,
	`count` integer NOT NULL,
	`locked_until` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `bucket`, `window`)
);
--> statement-breakpoint
CREATE INDEX `edge_counters_updated_idx` ON `edge_counters` (`updated_at`);--> statement-breakpoint
CREATE TABLE `spent_challenges` (
	`tenant_id` text NOT NULL,
	`signature` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `signature`)
);
--> statement-breakpoint
CREATE INDEX `spent_challenges_expiry_idx` ON `spent_challenges` (`expires_at`);
