-- Schema (0013): the moderator's further actions as rows (R-H3, seed 02: "The moderator may
-- suggest further actions to improve the outcome for the child or young person").
--
-- A further action is an action of the moderated audit, so that the Head of Service tracker
-- counts it, it is marked done and signed off like the auditor's actions, and its due date
-- is a deadline. moderation_id says which moderation set it; the audit's own actions (the
-- Stage 1 form's table) have none, and the audit's form leaves the moderator's alone.
ALTER TABLE action ADD COLUMN moderation_id INTEGER REFERENCES moderation (id) ON DELETE CASCADE;

-- The row's key within its moderation: two copies of the form each adding an action must
-- both keep theirs (R-N2), so a further action is matched by this key, not by its place in
-- the list. Made when the row is added; rows without one (none yet) are matched by id.
ALTER TABLE action ADD COLUMN moderation_key TEXT;

CREATE UNIQUE INDEX action_moderation ON action (moderation_id, moderation_key)
  WHERE moderation_id IS NOT NULL;
