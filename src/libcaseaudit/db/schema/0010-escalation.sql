-- Schema (0010): following a Category 1–3 audit until it is put right (R-I1, R-I2).

-- Who checked an audit's recommendations, and what they noted; when is
-- recommendations_checked_at, there since the first schema.
ALTER TABLE audit ADD COLUMN recommendations_checked_by INTEGER REFERENCES staff (id);
ALTER TABLE audit ADD COLUMN recommendations_checked_note TEXT;

-- An audit whose recommendations were not checked by its deadline, escalated to the Head of
-- Service above its case's team: once, when the deadline passed.
CREATE TABLE escalation (
  id                  INTEGER PRIMARY KEY,
  audit_id            INTEGER NOT NULL UNIQUE REFERENCES audit (id) ON DELETE CASCADE,
  head_of_service_id  INTEGER REFERENCES staff (id),
  escalated_at        TEXT NOT NULL,
  deadline            TEXT NOT NULL,
  reason              TEXT NOT NULL
);

-- A Head of Service's sign-off of an audit on their tracker: it closes the case there.
CREATE TABLE tracker_signoff (
  audit_id   INTEGER PRIMARY KEY REFERENCES audit (id) ON DELETE CASCADE,
  signed_by  INTEGER REFERENCES staff (id),
  signed_on  TEXT NOT NULL,
  note       TEXT
);
