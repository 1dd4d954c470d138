-- Audience tokens in the full-text rows (workers/storage/search-audience.ts): a unit-bound
-- viewer's word search asks the index for its units' cases only. The tokens are rewritten
-- here, by triggers, whenever a fact they come from changes (the responsible, registering
-- and assisting units, the handler, confidentiality), whatever path changes it; the statement
-- that writes a whole row computes them the same way. The visibility rule still judges
-- every result: the tokens only narrow the candidates.
CREATE TRIGGER `petitions_search_audience` AFTER UPDATE OF responsible_unit_id, registering_unit_id, handler_id, confidential ON `petitions`
WHEN new.search_rowid IS NOT NULL AND (old.responsible_unit_id IS NOT new.responsible_unit_id OR old.registering_unit_id IS NOT new.registering_unit_id OR old.handler_id IS NOT new.handler_id OR old.confidential IS NOT new.confidential)
BEGIN
	UPDATE case_search SET body = substr(body, 1, instr(body || ' a' || new.tenant_id, ' a' || new.tenant_id) - 1) || (' a' || new.tenant_id || CASE WHEN new.confidential = 1 THEN CASE WHEN new.handler_id IS NULL THEN '' ELSE ' a' || new.tenant_id || 's' || hex(new.handler_id) END ELSE ' a' || new.tenant_id || 'u' || hex(new.responsible_unit_id) || ' a' || new.tenant_id || 'u' || hex(new.registering_unit_id) || coalesce((SELECT group_concat(' a' || new.tenant_id || 'u' || hex(a.unit_id), '') FROM assisting_units AS a WHERE a.tenant_id = new.tenant_id AND a.petition_id = new.id), '') END)
	WHERE rowid = new.search_rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `assisting_units_search_audience_insert` AFTER INSERT ON `assisting_units`
BEGIN
	UPDATE case_search SET body = (SELECT substr(case_search.body, 1, instr(case_search.body || ' a' || p.tenant_id, ' a' || p.tenant_id) - 1) || (' a' || p.tenant_id || CASE WHEN p.confidential = 1 THEN CASE WHEN p.handler_id IS NULL THEN '' ELSE ' a' || p.tenant_id || 's' || hex(p.handler_id) END ELSE ' a' || p.tenant_id || 'u' || hex(p.responsible_unit_id) || ' a' || p.tenant_id || 'u' || hex(p.registering_unit_id) || coalesce((SELECT group_concat(' a' || p.tenant_id || 'u' || hex(a.unit_id), '') FROM assisting_units AS a WHERE a.tenant_id = p.tenant_id AND a.petition_id = p.id), '') END) FROM petitions AS p WHERE p.tenant_id = new.tenant_id AND p.id = new.petition_id)
	WHERE rowid = (SELECT search_rowid FROM petitions WHERE tenant_id = new.tenant_id AND id = new.petition_id);
END;
--> statement-breakpoint
CREATE TRIGGER `assisting_units_search_audience_delete` AFTER DELETE ON `assisting_units`
BEGIN
	UPDATE case_search SET body = (SELECT substr(case_search.body, 1, instr(case_search.body || ' a' || p.tenant_id, ' a' || p.tenant_id) - 1) || (' a' || p.tenant_id || CASE WHEN p.confidential = 1 THEN CASE WHEN p.handler_id IS NULL THEN '' ELSE ' a' || p.tenant_id || 's' || hex(p.handler_id) END ELSE ' a' || p.tenant_id || 'u' || hex(p.responsible_unit_id) || ' a' || p.tenant_id || 'u' || hex(p.registering_unit_id) || coalesce((SELECT group_concat(' a' || p.tenant_id || 'u' || hex(a.unit_id), '') FROM assisting_units AS a WHERE a.tenant_id = p.tenant_id AND a.petition_id = p.id), '') END) FROM petitions AS p WHERE p.tenant_id = old.tenant_id AND p.id = old.petition_id)
	WHERE rowid = (SELECT search_rowid FROM petitions WHERE tenant_id = old.tenant_id AND id = old.petition_id);
END;
--> statement-breakpoint
-- Rows written before this migration have no tokens: an `audience` re-index job per county
-- fills them in the cron's bounded steps (1,000 cases a run, SQL only); until it finishes,
-- the county's word searches are not narrowed (as before this migration).
INSERT INTO `search_reindex_jobs` (`tenant_id`, `id`, `kind`, `requested_at`, `requested_by`)
SELECT DISTINCT `tenant_id`, 'search-audience-0022', 'audience', CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL FROM `units`;
--> statement-breakpoint
-- The "first petition" filter reads the registration index with a check per row (a case
-- repeating one hidden from the viewer is first to them): this index serves nothing.
DROP INDEX IF EXISTS `petitions_filter_first_idx`;
