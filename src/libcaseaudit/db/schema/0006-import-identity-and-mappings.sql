-- An audit is stored once; and the values of import files that a user has mapped to codes.

-- An audit's identity is its case, auditor, tool and audit date (R-B2: importing again
-- updates by these). The tool is the tool, whichever version: the audit keeps the tool of
-- its version here so that the database itself can hold the identity unique, whatever
-- writes the row (an import, two imports at once, the allocation, the editor).
ALTER TABLE audit ADD COLUMN tool_id INTEGER REFERENCES audit_tool (id);
UPDATE audit SET tool_id = (SELECT v.tool_id FROM audit_tool_version v
                            WHERE v.id = audit.tool_version_id);

CREATE TRIGGER audit_tool_on_insert AFTER INSERT ON audit
WHEN NEW.tool_id IS NOT (SELECT tool_id FROM audit_tool_version WHERE id = NEW.tool_version_id)
BEGIN
  UPDATE audit SET tool_id = (SELECT tool_id FROM audit_tool_version
                              WHERE id = NEW.tool_version_id)
  WHERE id = NEW.id;
END;

CREATE TRIGGER audit_tool_on_update AFTER UPDATE OF tool_version_id, tool_id ON audit
WHEN NEW.tool_id IS NOT (SELECT tool_id FROM audit_tool_version WHERE id = NEW.tool_version_id)
BEGIN
  UPDATE audit SET tool_id = (SELECT tool_id FROM audit_tool_version
                              WHERE id = NEW.tool_version_id)
  WHERE id = NEW.id;
END;

-- Earlier versions let two imports at once store the same audit twice. Those copies are
-- audits someone may have worked on since, so nothing is deleted or merged here: each later
-- copy is marked with the first of its kind, stays where it is, and is reported (the import
-- of audit history names them) until someone decides which to keep. Only an unmarked audit
-- counts towards the identity, so every audit stored from now on is unique.
ALTER TABLE audit ADD COLUMN duplicate_of INTEGER REFERENCES audit (id);
UPDATE audit SET duplicate_of = (SELECT min (o.id) FROM audit o
                                 WHERE o.case_id = audit.case_id
                                   AND o.auditor_id = audit.auditor_id
                                   AND o.tool_id = audit.tool_id
                                   AND o.audit_date = audit.audit_date
                                   AND o.id < audit.id)
WHERE audit_date IS NOT NULL;

-- An audit not yet done has no date, and so no identity yet (NULLs are never equal).
CREATE UNIQUE INDEX audit_identity ON audit (case_id, auditor_id, tool_id, audit_date)
  WHERE duplicate_of IS NULL;

-- Only this update marks copies: no row written later can step out of the identity.
CREATE TRIGGER audit_duplicate_of_insert BEFORE INSERT ON audit
WHEN NEW.duplicate_of IS NOT NULL
BEGIN
  SELECT RAISE (ABORT, 'only the schema update marks an audit as a copy of another');
END;

CREATE TRIGGER audit_duplicate_of_update BEFORE UPDATE OF duplicate_of ON audit
WHEN NEW.duplicate_of IS NOT NULL AND NEW.duplicate_of IS NOT OLD.duplicate_of
BEGIN
  SELECT RAISE (ABORT, 'only the schema update marks an audit as a copy of another');
END;

-- R-A2, R-B2: what a value in an import file stands for, as a user chose it when the value
-- matched no code ("Chief Wizard" is a Service Manager), remembered for the next file of the
-- same kind. value_key is the value as matched: its letters and digits in one case.
CREATE TABLE import_value_mapping (
  kind       TEXT NOT NULL CHECK (kind IN ('teams', 'staff', 'cases', 'audits')),
  field      TEXT NOT NULL CHECK (field IN ('role', 'active', 'legal_status', 'ethnicity',
                                            'gender', 'disability', 'restricted', 'tool',
                                            'overall_grade', 'category')),
  value_key  TEXT NOT NULL CHECK (length (value_key) BETWEEN 1 AND 1020),
  value      TEXT NOT NULL,
  code       TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, field, value_key)
);
