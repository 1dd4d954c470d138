-- The county office's own suggestions and whether they were adopted (§41 (三), issue 11).
-- The list pages by sent date and the annual report counts a year by the same index.
CREATE TABLE `office_suggestions` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`unit_id` text NOT NULL,
	`sent_on` text NOT NULL,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`petition_id` text,
	`outcome` text DEFAULT 'pending' NOT NULL,
	`answered_on` text,
	`outcome_note` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `office_suggestions_sent_idx` ON `office_suggestions` (`tenant_id`,`sent_on`,`id`);
