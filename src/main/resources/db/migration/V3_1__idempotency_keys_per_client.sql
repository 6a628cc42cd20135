-- Idempotency keys are scoped to the client that sent them: a key sent with an API key is stored as
-- "<client> <key>" (the client name is "key-" and 12 hex digits; the space can't occur in a key), so one client
-- can neither find nor collide with another's. 255 characters of key plus the prefix need more room.
alter table jobs alter column idempotency_key set data type varchar(300);
