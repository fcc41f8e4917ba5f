CREATE TABLE `usage_days` (
	`day` text NOT NULL,
	`owner_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`tasks` integer DEFAULT 0 NOT NULL,
	`failed_tasks` integer DEFAULT 0 NOT NULL,
	`clips` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `owner_id`, `provider_id`)
);
--> statement-breakpoint
CREATE TABLE `usage_failure_days` (
	`day` text NOT NULL,
	`error_code` text NOT NULL,
	`tasks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `error_code`)
);
--> statement-breakpoint
CREATE TABLE `usage_failure_months` (
	`month` text NOT NULL,
	`error_code` text NOT NULL,
	`tasks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `error_code`)
);
--> statement-breakpoint
CREATE TABLE `usage_months` (
	`month` text NOT NULL,
	`owner_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`tasks` integer DEFAULT 0 NOT NULL,
	`failed_tasks` integer DEFAULT 0 NOT NULL,
	`clips` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `owner_id`, `provider_id`)
);
