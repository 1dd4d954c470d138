-- A unit-bound viewer's search (a township, a bureau): besides the cases its units hold,
-- the rule admits those it registered for others, assists on, or handles in confidence.
-- These indexes find each of those from the viewer's side, so a page never reads the
-- county's other cases to learn which are the viewer's.
CREATE INDEX `petitions_confidential_handler_idx` ON `petitions` (`tenant_id`,`handler_id`) WHERE `confidential` = 1;--> statement-breakpoint
CREATE INDEX `assisting_units_unit_idx` ON `assisting_units` (`tenant_id`,`unit_id`);
