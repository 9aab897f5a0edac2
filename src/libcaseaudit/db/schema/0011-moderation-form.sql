-- Schema (0011): the Stage 2 moderation form (R-H3), saved as it is typed.

-- Why the moderator's grade for a section differs from the auditor's. The overall "why" is
-- the moderation's differences column, there since the first schema.
ALTER TABLE moderation_section ADD COLUMN why TEXT;

-- "Has the work made a difference for the child?" — yes, partly or not yet, with a comment.
-- made_difference (yes or no) stays for the moderations recorded before; they read as yes
-- or not yet.
ALTER TABLE moderation ADD COLUMN difference TEXT
  CHECK (difference IS NULL OR difference IN ('yes', 'partly', 'not-yet'));
ALTER TABLE moderation ADD COLUMN difference_comment TEXT;
UPDATE moderation SET difference = CASE made_difference WHEN 1 THEN 'yes' WHEN 0 THEN 'not-yet' END;

-- Two copies saving one moderation at once (R-N2): as for the audit's draft (schema 0005),
-- the stored text stays and this copy's text is set aside here until someone chooses.
CREATE TABLE moderation_set_aside (
  id            INTEGER PRIMARY KEY,
  moderation_id INTEGER NOT NULL REFERENCES moderation (id) ON DELETE CASCADE,
  field         TEXT NOT NULL,
  value         TEXT,
  set_aside_at  TEXT NOT NULL,
  set_aside_by  TEXT NOT NULL,
  session       TEXT NOT NULL,
  UNIQUE (moderation_id, field, session)
);
