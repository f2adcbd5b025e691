-- Allowed browser origins are cached by the same access epoch as credentials (migration 021,
-- server/http/access-epoch.ts): allowing or removing one moves it, so it applies on the next request.
CREATE TRIGGER access_epoch_origin_insert AFTER INSERT ON allowed_origins BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
CREATE TRIGGER access_epoch_origin_update AFTER UPDATE ON allowed_origins BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
CREATE TRIGGER access_epoch_origin_delete AFTER DELETE ON allowed_origins BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
