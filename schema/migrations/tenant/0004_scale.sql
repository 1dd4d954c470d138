-- Scale (issue 9): the work list's stored sort key and one index per filter; repeat
-- detection by (tenant, person hash, category); the scan's alert index keyed for paging;
-- the daily digest's counters, kept by triggers so no code path can forget them. The
-- digest folds each unit's overdue buckets into one row keyed (near_at 0, deadline_at 0),
-- which stays overdue until its cases move; the triggers take a case out of that row when
-- its own bucket is gone. A unit's digest goes to all its clerks and leaders, so the counters
-- hold only what every one of them may see: no accusation, except one held by the county
-- office that does not accuse the office (§30).
ALTER TABLE `petitions` ADD `next_near_at` integer;--> statement-breakpoint
ALTER TABLE `petitions` ADD `deadline_sort` integer GENERATED ALWAYS AS (coalesce(next_deadline_at, 9007199254740991)) VIRTUAL;--> statement-breakpoint
DROP INDEX IF EXISTS `petitions_tenant_alert_idx`;--> statement-breakpoint
CREATE INDEX `petitions_tenant_alert_idx` ON `petitions` (`tenant_id`,`next_alert_at`,`id`);--> statement-breakpoint
DROP INDEX IF EXISTS `petitions_tenant_unit_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `petitions_tenant_id_hash_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `petitions_tenant_phone_hash_idx`;--> statement-breakpoint
CREATE INDEX `petitions_repeat_id_idx` ON `petitions` (`tenant_id`,`id_hash`,`category_code`,`registered_at`);--> statement-breakpoint
CREATE INDEX `petitions_repeat_phone_idx` ON `petitions` (`tenant_id`,`phone_hash`,`category_code`,`registered_at`);--> statement-breakpoint
CREATE INDEX `petitions_work_idx` ON `petitions` (`tenant_id`,`deadline_sort`,`id`);--> statement-breakpoint
CREATE INDEX `petitions_work_status_idx` ON `petitions` (`tenant_id`,`status`,`deadline_sort`,`id`);--> statement-breakpoint
CREATE INDEX `petitions_work_unit_idx` ON `petitions` (`tenant_id`,`responsible_unit_id`,`deadline_sort`,`id`);--> statement-breakpoint
CREATE INDEX `petitions_work_unit_status_idx` ON `petitions` (`tenant_id`,`responsible_unit_id`,`status`,`deadline_sort`,`id`);--> statement-breakpoint
CREATE INDEX `petitions_work_registering_idx` ON `petitions` (`tenant_id`,`registering_unit_id`,`deadline_sort`,`id`) WHERE "petitions"."registering_unit_id" <> "petitions"."responsible_unit_id";--> statement-breakpoint
CREATE INDEX `petitions_work_registering_status_idx` ON `petitions` (`tenant_id`,`registering_unit_id`,`status`,`deadline_sort`,`id`) WHERE "petitions"."registering_unit_id" <> "petitions"."responsible_unit_id";--> statement-breakpoint
CREATE TABLE `deadline_counts` (
	`tenant_id` text NOT NULL,
	`near_at` integer NOT NULL,
	`unit_id` text NOT NULL,
	`deadline_at` integer NOT NULL,
	`cases` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `near_at`, `unit_id`, `deadline_at`)
);
--> statement-breakpoint
INSERT INTO `deadline_counts` (`tenant_id`, `near_at`, `unit_id`, `deadline_at`, `cases`)
SELECT `tenant_id`, coalesce(`next_near_at`, `next_deadline_at`), `responsible_unit_id`, `next_deadline_at`, count(*)
FROM `petitions`
WHERE `next_deadline_at` IS NOT NULL AND `status` NOT IN ('closed', 'declined')
	AND (petitions.confidential = 0 OR (petitions.subject_unit_id IS NOT petitions.responsible_unit_id AND EXISTS (SELECT 1 FROM units WHERE units.tenant_id = petitions.tenant_id AND units.id = petitions.responsible_unit_id AND units.kind = 'county')))
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `petitions_counts_insert` AFTER INSERT ON `petitions`
WHEN new.next_deadline_at IS NOT NULL AND new.status NOT IN ('closed', 'declined') AND (new.confidential = 0 OR (new.subject_unit_id IS NOT new.responsible_unit_id AND EXISTS (SELECT 1 FROM units WHERE units.tenant_id = new.tenant_id AND units.id = new.responsible_unit_id AND units.kind = 'county')))
BEGIN
	INSERT INTO deadline_counts (tenant_id, near_at, unit_id, deadline_at, cases)
	VALUES (new.tenant_id, coalesce(new.next_near_at, new.next_deadline_at), new.responsible_unit_id, new.next_deadline_at, 1)
	ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `petitions_counts_update` AFTER UPDATE OF status, responsible_unit_id, next_deadline_at, next_near_at, confidential, subject_unit_id ON `petitions`
BEGIN
	UPDATE deadline_counts SET cases = cases - 1
	WHERE old.next_deadline_at IS NOT NULL AND old.status NOT IN ('closed', 'declined') AND (old.confidential = 0 OR (old.subject_unit_id IS NOT old.responsible_unit_id AND EXISTS (SELECT 1 FROM units WHERE units.tenant_id = old.tenant_id AND units.id = old.responsible_unit_id AND units.kind = 'county')))
		AND tenant_id = old.tenant_id AND near_at = 0 AND unit_id = old.responsible_unit_id AND deadline_at = 0
		AND NOT EXISTS (SELECT 1 FROM deadline_counts WHERE tenant_id = old.tenant_id
			AND near_at = coalesce(old.next_near_at, old.next_deadline_at)
			AND unit_id = old.responsible_unit_id AND deadline_at = old.next_deadline_at);
	UPDATE deadline_counts SET cases = cases - 1
	WHERE old.next_deadline_at IS NOT NULL AND old.status NOT IN ('closed', 'declined') AND (old.confidential = 0 OR (old.subject_unit_id IS NOT old.responsible_unit_id AND EXISTS (SELECT 1 FROM units WHERE units.tenant_id = old.tenant_id AND units.id = old.responsible_unit_id AND units.kind = 'county')))
		AND tenant_id = old.tenant_id AND near_at = coalesce(old.next_near_at, old.next_deadline_at)
		AND unit_id = old.responsible_unit_id AND deadline_at = old.next_deadline_at;
	DELETE FROM deadline_counts
	WHERE tenant_id = old.tenant_id AND unit_id = old.responsible_unit_id AND cases <= 0
		AND ((near_at = coalesce(old.next_near_at, old.next_deadline_at) AND deadline_at = old.next_deadline_at)
			OR (near_at = 0 AND deadline_at = 0));
	INSERT INTO deadline_counts (tenant_id, near_at, unit_id, deadline_at, cases)
	SELECT new.tenant_id, coalesce(new.next_near_at, new.next_deadline_at), new.responsible_unit_id, new.next_deadline_at, 1
	WHERE new.next_deadline_at IS NOT NULL AND new.status NOT IN ('closed', 'declined') AND (new.confidential = 0 OR (new.subject_unit_id IS NOT new.responsible_unit_id AND EXISTS (SELECT 1 FROM units WHERE units.tenant_id = new.tenant_id AND units.id = new.responsible_unit_id AND units.kind = 'county')))
	ON CONFLICT DO UPDATE SET cases = cases + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `petitions_counts_delete` AFTER DELETE ON `petitions`
WHEN old.next_deadline_at IS NOT NULL AND old.status NOT IN ('closed', 'declined') AND (old.confidential = 0 OR (old.subject_unit_id IS NOT old.responsible_unit_id AND EXISTS (SELECT 1 FROM units WHERE units.tenant_id = old.tenant_id AND units.id = old.responsible_unit_id AND units.kind = 'county')))
BEGIN
	UPDATE deadline_counts SET cases = cases - 1
	WHERE tenant_id = old.tenant_id AND near_at = 0 AND unit_id = old.responsible_unit_id AND deadline_at = 0
		AND NOT EXISTS (SELECT 1 FROM deadline_counts WHERE tenant_id = old.tenant_id
			AND near_at = coalesce(old.next_near_at, old.next_deadline_at)
			AND unit_id = old.responsible_unit_id AND deadline_at = old.next_deadline_at);
	UPDATE deadline_counts SET cases = cases - 1
	WHERE tenant_id = old.tenant_id AND near_at = coalesce(old.next_near_at, old.next_deadline_at)
		AND unit_id = old.responsible_unit_id AND deadline_at = old.next_deadline_at;
	DELETE FROM deadline_counts
	WHERE tenant_id = old.tenant_id AND unit_id = old.responsible_unit_id AND cases <= 0
		AND ((near_at = coalesce(old.next_near_at, old.next_deadline_at) AND deadline_at = old.next_deadline_at)
			OR (near_at = 0 AND deadline_at = 0));
END;
