-- A counter that every change able to narrow a credential moves: a key revoked or
-- deleted, a jobcenter signed out or renamed, a company or contact person changed or removed.
-- Servers cache resolved credentials and read only this one row per request, so a change made
-- by any process (scripts/admin.ts, another server) still takes effect on the next request.
CREATE TABLE credential_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  epoch INTEGER NOT NULL
);
INSERT INTO credential_epoch (id, epoch) VALUES (1, 0);

CREATE TRIGGER credential_epoch_key_update AFTER UPDATE ON api_keys BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
CREATE TRIGGER credential_epoch_key_delete AFTER DELETE ON api_keys BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
CREATE TRIGGER credential_epoch_jobcenter AFTER UPDATE ON jobcenters BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
CREATE TRIGGER credential_epoch_jobcenter_delete AFTER DELETE ON jobcenters BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
CREATE TRIGGER credential_epoch_company AFTER UPDATE ON companies BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
CREATE TRIGGER credential_epoch_company_delete AFTER DELETE ON companies BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
CREATE TRIGGER credential_epoch_person AFTER UPDATE ON contact_persons BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
CREATE TRIGGER credential_epoch_person_delete AFTER DELETE ON contact_persons BEGIN
  UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1;
END;
