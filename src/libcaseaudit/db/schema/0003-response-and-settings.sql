-- Schema version 3: what a submitted audit's follow-up and the preferences need.

-- R-F7: when someone marked the Category 1–2 e-mail to the managers as sent (UTC timestamp).
-- Until then the audit keeps asking for it to be sent.
ALTER TABLE audit ADD COLUMN notification_sent_at TEXT;

-- R-F9: in the manager's response, how each action will be met and by when (ISO date).
ALTER TABLE action ADD COLUMN response_plan TEXT;
ALTER TABLE action ADD COLUMN response_by TEXT;

-- R-F8: the deadline numbers a team has changed in preferences. A name without a row keeps
-- Case Audit's default, so a new default in a later release reaches everyone who never
-- changed it.
CREATE TABLE deadline_setting (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 1000)
);
