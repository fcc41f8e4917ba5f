-- Installs made before owners existed: the earliest admin (the one /setup created) becomes the owner.
UPDATE `users` SET `is_owner` = 1
WHERE `id` = (SELECT `id` FROM `users` WHERE `role` = 'admin' ORDER BY `created_at`, `id` LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM `users` WHERE `is_owner` = 1);
