-- Schema (0009): the moderation sample (R-H1) and who moderates (R-H2).

-- Why an audit is moderated: it was graded Inadequate overall, it fell in the month's random
-- share, or a moderator added it by hand; and the month of submission whose sample it
-- belongs to. Moderations recorded before (history brought in, or generated) have neither.
ALTER TABLE moderation ADD COLUMN reason TEXT
  CHECK (reason IS NULL OR reason IN ('inadequate', 'random', 'added'));
ALTER TABLE moderation ADD COLUMN sample_month TEXT;
CREATE INDEX moderation_sample_month ON moderation (sample_month);

-- Moderators are Service Managers and above and the CPP (seed 01, seed 03): how many
-- moderations a month each can take, by role and, where a person's differs, by person.
-- NULL on a role means its people do not moderate.
ALTER TABLE role ADD COLUMN moderation_capacity INTEGER
  CHECK (moderation_capacity IS NULL OR moderation_capacity BETWEEN 0 AND 1000);
UPDATE role SET moderation_capacity = CASE code
  WHEN 'strategic-director' THEN 1
  WHEN 'assistant-director' THEN 2
  WHEN 'head-of-service' THEN 3
  WHEN 'service-manager' THEN 4
  WHEN 'lead-professional' THEN 10
  WHEN 'lead-auditor' THEN 10
END;
ALTER TABLE staff ADD COLUMN moderation_capacity INTEGER
  CHECK (moderation_capacity IS NULL OR moderation_capacity BETWEEN 0 AND 1000);

-- The share of a month's other audits drawn at random ('percent', default 20) and the
-- working day of the next month moderations are due by ('due-working-day', default 15),
-- where a team has changed them. A name without a row keeps Case Audit's default.
CREATE TABLE moderation_setting (
  name  TEXT PRIMARY KEY CHECK (name IN ('percent', 'due-working-day')),
  value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 100)
);
