-- Per-leader counts rebuildable (issue 11). 回访 counts for the case's owner leader and
-- handling unit at the moment of the follow-up, and 督办 for whoever held the leader role when
-- it opened: neither can be told again later from the cases (owners and roles change), so a
-- credit row keeps, per event, the leader, unit and day the live triggers of 0011 counted.
-- `leader_rollup` is rebuilt from `reception_visits` and these rows.
CREATE TABLE `leader_credits` (
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`ref` text NOT NULL,
	`leader_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`date` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `key`, `ref`)
);
--> statement-breakpoint
CREATE TRIGGER `leader_credit_follow_up` AFTER INSERT ON `petition_events`
WHEN new.action = 'recordFollowUp'
BEGIN
	INSERT OR IGNORE INTO leader_credits (tenant_id, key, ref, leader_id, unit_id, date)
	SELECT new.tenant_id, 'followUps', new.petition_id || '#' || new.version, p.owner_leader_id, p.responsible_unit_id, coalesce(json_extract(new.detail, '$.visitedOn'), date(new.at / 1000, 'unixepoch', '+8 hours'))
	FROM petitions AS p
	WHERE p.tenant_id = new.tenant_id AND p.id = new.petition_id AND p.owner_leader_id IS NOT NULL AND p.responsible_unit_id IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `leader_credit_supervised` AFTER INSERT ON `supervisions`
WHEN new.form IN ('listed', 'instruction') AND json_extract(new.history, '$[0].by') IS NOT NULL
BEGIN
	INSERT OR IGNORE INTO leader_credits (tenant_id, key, ref, leader_id, unit_id, date)
	SELECT new.tenant_id, 'supervised', new.id, s.id, new.unit_id, date(new.opened_at / 1000, 'unixepoch', '+8 hours')
	FROM staff AS s
	WHERE s.tenant_id = new.tenant_id AND s.id = json_extract(new.history, '$[0].by') AND EXISTS (SELECT 1 FROM json_each(s.roles) WHERE value = 'leader');
END;
--> statement-breakpoint
-- Rows from before this migration: credited as the cases and roles stand now (the best that
-- can be told; a one-time read of the follow-up events and the leaders' supervisions).
INSERT OR IGNORE INTO leader_credits (tenant_id, key, ref, leader_id, unit_id, date)
SELECT e.tenant_id, 'followUps', e.petition_id || '#' || e.version, p.owner_leader_id, p.responsible_unit_id, coalesce(json_extract(e.detail, '$.visitedOn'), date(e.at / 1000, 'unixepoch', '+8 hours'))
FROM petition_events AS e JOIN petitions AS p ON p.tenant_id = e.tenant_id AND p.id = e.petition_id
WHERE e.action = 'recordFollowUp' AND p.owner_leader_id IS NOT NULL AND p.responsible_unit_id IS NOT NULL;
--> statement-breakpoint
INSERT OR IGNORE INTO leader_credits (tenant_id, key, ref, leader_id, unit_id, date)
SELECT v.tenant_id, 'supervised', v.id, s.id, v.unit_id, date(v.opened_at / 1000, 'unixepoch', '+8 hours')
FROM supervisions AS v JOIN staff AS s ON s.tenant_id = v.tenant_id AND s.id = json_extract(v.history, '$[0].by')
WHERE v.form IN ('listed', 'instruction') AND EXISTS (SELECT 1 FROM json_each(s.roles) WHERE value = 'leader');
