-- The case registered from a booked visit, so the citizen's phone can show its tracking code.
ALTER TABLE `reception_bookings` ADD `petition_id` text;
--> statement-breakpoint
-- The context stamp's triggers (0005) wrote with INSERT OR REPLACE, which an outer UPSERT's
-- conflict handling overrides: saving a setting a second time failed on the stamp's primary
-- key. An UPSERT inside the trigger keeps its own handling.
DROP TRIGGER IF EXISTS `units_insert_context`;
--> statement-breakpoint
CREATE TRIGGER `units_insert_context` AFTER INSERT ON `units` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `units_update_context`;
--> statement-breakpoint
CREATE TRIGGER `units_update_context` AFTER UPDATE ON `units` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `units_delete_context`;
--> statement-breakpoint
CREATE TRIGGER `units_delete_context` AFTER DELETE ON `units` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (OLD.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `settings_insert_context`;
--> statement-breakpoint
CREATE TRIGGER `settings_insert_context` AFTER INSERT ON `tenant_settings` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `settings_update_context`;
--> statement-breakpoint
CREATE TRIGGER `settings_update_context` AFTER UPDATE ON `tenant_settings` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `settings_delete_context`;
--> statement-breakpoint
CREATE TRIGGER `settings_delete_context` AFTER DELETE ON `tenant_settings` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (OLD.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `calendar_insert_context`;
--> statement-breakpoint
CREATE TRIGGER `calendar_insert_context` AFTER INSERT ON `calendar_days` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `calendar_update_context`;
--> statement-breakpoint
CREATE TRIGGER `calendar_update_context` AFTER UPDATE ON `calendar_days` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `calendar_delete_context`;
--> statement-breakpoint
CREATE TRIGGER `calendar_delete_context` AFTER DELETE ON `calendar_days` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (OLD.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `categories_insert_context`;
--> statement-breakpoint
CREATE TRIGGER `categories_insert_context` AFTER INSERT ON `local_categories` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `categories_update_context`;
--> statement-breakpoint
CREATE TRIGGER `categories_update_context` AFTER UPDATE ON `local_categories` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (NEW.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `categories_delete_context`;
--> statement-breakpoint
CREATE TRIGGER `categories_delete_context` AFTER DELETE ON `local_categories` BEGIN
	INSERT INTO `context_versions` (`tenant_id`, `stamp`) VALUES (OLD.tenant_id, lower(hex(randomblob(8))))
		ON CONFLICT(`tenant_id`) DO UPDATE SET `stamp` = excluded.`stamp`;
END;
