-- Schema version 5: two copies of Case Audit editing one draft never cost either its typing
-- (R-N2, R-F6).
--
-- Each copy saves only the fields it changed since it last saw the draft stored, and takes
-- in what the other changed meanwhile. When both changed one field differently, the stored
-- text stays and this copy's text is set aside here, in the same transaction, until someone
-- chooses between the two. A copy that is closed or killed before choosing loses nothing:
-- the next time the audit is opened the choice is offered again. FIELD is a draft path such
-- as "pen_picture" or "questions.assessment.child-seen" (see core/ca-audit-draft-merge.h);
-- VALUE is that field's value as text. SESSION names the copy that set it aside, so that a
-- copy which meets the same conflict again updates its own row rather than adding rows.
CREATE TABLE audit_draft_set_aside (
  id           INTEGER PRIMARY KEY,
  audit_id     INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
  field        TEXT NOT NULL,
  value        TEXT,
  set_aside_at TEXT NOT NULL,
  set_aside_by TEXT NOT NULL,
  session      TEXT NOT NULL,
  UNIQUE (audit_id, field, session)
);
