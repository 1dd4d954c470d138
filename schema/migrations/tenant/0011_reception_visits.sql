-- Reception visit records (issue 11): a row per visit the desk completes, and per-leader
-- counts (visits, 回访 on 包案 cases, 督办 opened by a leader) kept by triggers on append-only
-- rows, read like stat_rollup by scope, grain and period (never a scan of the visits).
CREATE TABLE `reception_visits` (
	`tenant_id` text NOT NULL,
	`session_id` text NOT NULL,
	`ticket_number` integer NOT NULL,
	`date` text NOT NULL,
	`unit_id` text NOT NULL,
	`leader_id` text NOT NULL,
	`leader_name` text NOT NULL,
	`leader_position` text NOT NULL,
	`petitioner_sealed` text NOT NULL,
	`headcount` integer NOT NULL,
	`purpose` text NOT NULL,
	`category_code` text NOT NULL,
	`summary` text NOT NULL,
	`handling` text,
	`petition_id` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `session_id`, `ticket_number`)
);
--> statement-breakpoint
CREATE INDEX `reception_visits_date_idx` ON `reception_visits` (`tenant_id`,`date`,`session_id`,`ticket_number`);
--> statement-breakpoint
CREATE INDEX `reception_visits_leader_idx` ON `reception_visits` (`tenant_id`,`leader_id`,`date`,`session_id`);
--> statement-breakpoint
CREATE TABLE `leader_rollup` (
	`tenant_id` text NOT NULL,
	`scope` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`key` text NOT NULL,
	`leader_id` text NOT NULL,
	`n` integer NOT NULL,
	`m` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `scope`, `grain`, `period`, `key`, `leader_id`)
);
--> statement-breakpoint
CREATE TRIGGER `leader_rollup_visit` AFTER INSERT ON `reception_visits`
BEGIN
	INSERT INTO leader_rollup (tenant_id, scope, grain, period, key, leader_id, n, m)
	SELECT new.tenant_id, CASE sc.k WHEN 0 THEN 'u:' || u.id WHEN 1 THEN 't:' || u.id WHEN 2 THEN 't:' || u.parent_id ELSE 't:' || up.parent_id END, g.grain, CASE g.grain WHEN 'd' THEN new.date WHEN 'm' THEN substr(new.date, 1, 7) ELSE substr(new.date, 1, 4) END, 'visits', new.leader_id, 1, new.headcount
	FROM units AS u LEFT JOIN units AS up ON up.id = u.parent_id, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS sc, (SELECT 'd' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'y') AS g
	WHERE u.id = new.unit_id AND CASE sc.k WHEN 0 THEN 'u:' || u.id WHEN 1 THEN 't:' || u.id WHEN 2 THEN 't:' || u.parent_id ELSE 't:' || up.parent_id END IS NOT NULL
	ON CONFLICT DO UPDATE SET n = n + excluded.n, m = m + excluded.m;
END;
--> statement-breakpoint
CREATE TRIGGER `leader_rollup_follow_up` AFTER INSERT ON `petition_events`
WHEN new.action = 'recordFollowUp'
BEGIN
	INSERT INTO leader_rollup (tenant_id, scope, grain, period, key, leader_id, n, m)
	SELECT new.tenant_id, CASE sc.k WHEN 0 THEN 'u:' || u.id WHEN 1 THEN 't:' || u.id WHEN 2 THEN 't:' || u.parent_id ELSE 't:' || up.parent_id END, g.grain, CASE g.grain WHEN 'd' THEN coalesce(json_extract(new.detail, '$.visitedOn'), date(new.at / 1000, 'unixepoch', '+8 hours')) WHEN 'm' THEN substr(coalesce(json_extract(new.detail, '$.visitedOn'), date(new.at / 1000, 'unixepoch', '+8 hours')), 1, 7) ELSE substr(coalesce(json_extract(new.detail, '$.visitedOn'), date(new.at / 1000, 'unixepoch', '+8 hours')), 1, 4) END, 'followUps', p.owner_leader_id, 1, 0
	FROM units AS u LEFT JOIN units AS up ON up.id = u.parent_id JOIN petitions AS p ON p.tenant_id = new.tenant_id AND p.id = new.petition_id, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS sc, (SELECT 'd' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'y') AS g
	WHERE u.id = p.responsible_unit_id AND CASE sc.k WHEN 0 THEN 'u:' || u.id WHEN 1 THEN 't:' || u.id WHEN 2 THEN 't:' || u.parent_id ELSE 't:' || up.parent_id END IS NOT NULL AND p.owner_leader_id IS NOT NULL
	ON CONFLICT DO UPDATE SET n = n + excluded.n, m = m + excluded.m;
END;
--> statement-breakpoint
CREATE TRIGGER `leader_rollup_supervised` AFTER INSERT ON `supervisions`
WHEN new.form IN ('listed', 'instruction') AND json_extract(new.history, '$[0].by') IS NOT NULL
BEGIN
	INSERT INTO leader_rollup (tenant_id, scope, grain, period, key, leader_id, n, m)
	SELECT new.tenant_id, CASE sc.k WHEN 0 THEN 'u:' || u.id WHEN 1 THEN 't:' || u.id WHEN 2 THEN 't:' || u.parent_id ELSE 't:' || up.parent_id END, g.grain, CASE g.grain WHEN 'd' THEN date(new.opened_at / 1000, 'unixepoch', '+8 hours') WHEN 'm' THEN substr(date(new.opened_at / 1000, 'unixepoch', '+8 hours'), 1, 7) ELSE substr(date(new.opened_at / 1000, 'unixepoch', '+8 hours'), 1, 4) END, 'supervised', json_extract(new.history, '$[0].by'), 1, 0
	FROM units AS u LEFT JOIN units AS up ON up.id = u.parent_id JOIN staff AS s ON s.tenant_id = new.tenant_id AND s.id = json_extract(new.history, '$[0].by'), (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS sc, (SELECT 'd' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'y') AS g
	WHERE u.id = new.unit_id AND CASE sc.k WHEN 0 THEN 'u:' || u.id WHEN 1 THEN 't:' || u.id WHEN 2 THEN 't:' || u.parent_id ELSE 't:' || up.parent_id END IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(s.roles) WHERE value = 'leader')
	ON CONFLICT DO UPDATE SET n = n + excluded.n, m = m + excluded.m;
END;
