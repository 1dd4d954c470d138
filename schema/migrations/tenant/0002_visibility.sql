ALTER TABLE `deliveries` ADD `petition_id` text;
