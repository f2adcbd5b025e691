-- Webhook back-off per subscription, and subscriptions that answer to the key that made them.

-- While a subscription is failing, none of its deliveries is attempted before this time: an outage
-- of the receiver costs one attempt per back-off step, not one per waiting event.
ALTER TABLE webhook_subscriptions ADD COLUMN paused_until TEXT;
-- The API key that made (or last re-enabled) the subscription; null for ones made before it was
-- recorded. No foreign key: a deleted key must not block, it disables (the triggers below).
ALTER TABLE webhook_subscriptions ADD COLUMN created_by_key_id INTEGER;
CREATE INDEX webhook_subscriptions_key ON webhook_subscriptions(created_by_key_id);

-- A leaked key's hook must not outlive the key: revoking or deleting it disables what it made,
-- whichever process or command does it. Its undelivered rows stay for a re-enable.
CREATE TRIGGER webhook_subscriptions_key_revoked AFTER UPDATE OF revoked_at ON api_keys
  WHEN NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL
BEGIN
  UPDATE webhook_subscriptions
     SET disabled_at = NEW.revoked_at,
         disabled_reason = 'Disabled at ' || NEW.revoked_at || ': the API key that made it ("' || NEW.label || '") was revoked. Re-enable it with another key of yours (POST /v1/webhook-subscriptions/{id}/enable).'
   WHERE created_by_key_id = NEW.id AND disabled_at IS NULL;
END;
CREATE TRIGGER webhook_subscriptions_key_deleted AFTER DELETE ON api_keys
BEGIN
  UPDATE webhook_subscriptions
     SET disabled_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
         disabled_reason = 'Disabled: the API key that made it ("' || OLD.label || '") was deleted. Re-enable it with another key of yours (POST /v1/webhook-subscriptions/{id}/enable).'
   WHERE created_by_key_id = OLD.id AND disabled_at IS NULL;
END;
