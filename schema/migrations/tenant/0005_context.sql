-- The stamp is replaced by an upsert, not INSERT OR REPLACE: SQLite lets the outer
-- statement's conflict policy override a trigger's OR clause, so an outer upsert on
-- tenant_settings would turn the replace into a constraint failure.
CREATE TABLE `context_versions` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`stamp` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `units_insert_context` AFTER INSERT ON `units` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `units_update_context` AFTER UPDATE ON `units` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `units_delete_context` AFTER DELETE ON `units` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (OLD.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `settings_insert_context` AFTER INSERT ON `tenant_settings` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `settings_update_context` AFTER UPDATE ON `tenant_settings` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `settings_delete_context` AFTER DELETE ON `tenant_settings` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (OLD.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `calendar_insert_context` AFTER INSERT ON `calendar_days` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `calendar_update_context` AFTER UPDATE ON `calendar_days` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `calendar_delete_context` AFTER DELETE ON `calendar_days` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (OLD.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `categories_insert_context` AFTER INSERT ON `local_categories` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `categories_update_context` AFTER UPDATE ON `local_categories` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
CREATE TRIGGER `categories_delete_context` AFTER DELETE ON `local_categories` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (OLD.tenant_id, lower(hex(randomblob(8)))) ON CONFLICT (`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
