-- Schema (0015): what a moderation panel reviewed and concluded (R-H5, seed 04: "moderation
-- panels will take place 6 times a year to review the quality of audit").
--
-- A panel stays a programme event of the kind 'moderation-panel' (schema 0004): its day and
-- title are the Calendar's. Its conclusions are text on the event; only a panel has them.
ALTER TABLE programme_event ADD COLUMN conclusions TEXT
  CHECK (conclusions IS NULL OR kind = 'moderation-panel');

-- The audits a panel reviewed. An audit may come before several panels, and a panel reviews
-- many audits; the pair is one of a kind. Removing the event or the audit removes the link,
-- and nothing else. The store adds only submitted audits, and only to a panel.
CREATE TABLE panel_audit (
  event_id INTEGER NOT NULL REFERENCES programme_event (id) ON DELETE CASCADE,
  audit_id INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
  added_at TEXT NOT NULL,
  PRIMARY KEY (event_id, audit_id)
);
CREATE INDEX panel_audit_audit ON panel_audit (audit_id);
