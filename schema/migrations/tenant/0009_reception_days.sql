-- The case registered from a booked visit, so the citizen's phone can show its tracking code.
ALTER TABLE `reception_bookings` ADD `petition_id` text;
