-- Joint reception (联合接访): the desks of a session, one per leader and unit. Desk 1 is the
-- session's own unit and leader; a session without rows here has desk 1 alone.
CREATE TABLE `reception_desks` (
	`tenant_id` text NOT NULL,
	`session_id` text NOT NULL,
	`number` integer NOT NULL,
	`unit_id` text NOT NULL,
	`leader_id` text NOT NULL,
	`leader_name` text NOT NULL,
	`leader_position` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `session_id`, `number`)
);
