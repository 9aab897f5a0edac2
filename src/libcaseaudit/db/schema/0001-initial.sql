-- Schema version 1: the whole domain of the audit programme.
--
-- Written for SQLite 3.40 and kept within what PostgreSQL 15 also accepts where it can
-- (ISO-8601 text dates, INTEGER keys, CHECK constraints). The triggers at the end are
-- SQLite's; a PostgreSQL migration set will carry its own.
-- Dates are 'YYYY-MM-DD'; timestamps are UTC 'YYYY-MM-DDTHH:MM:SSZ'.

-- Organisation (R-A1)
CREATE TABLE service_area (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE locality (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE auditor_group (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE team (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  service_area_id  INTEGER NOT NULL REFERENCES service_area (id),
  locality_id      INTEGER NOT NULL REFERENCES locality (id),
  auditor_group_id INTEGER REFERENCES auditor_group (id)
);
CREATE INDEX team_service_area ON team (service_area_id);

-- Staff and roles (R-A2, R-A3). A role's quota is a number of audits per period;
-- a role without a quota does not audit.
CREATE TABLE role (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  rank          INTEGER NOT NULL,
  quota         INTEGER,
  quota_period  TEXT CHECK (quota_period IN ('month', 'cycle', 'year')),
  CHECK ((quota IS NULL) = (quota_period IS NULL))
);

CREATE TABLE staff (
  id              INTEGER PRIMARY KEY,
  staff_ref       TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  email           TEXT,
  role_code       TEXT NOT NULL REFERENCES role (code),
  team_id         INTEGER REFERENCES team (id),
  line_manager_id INTEGER REFERENCES staff (id),
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  CHECK (line_manager_id IS NULL OR line_manager_id <> id)
);
CREATE INDEX staff_team ON staff (team_id);
CREATE INDEX staff_line_manager ON staff (line_manager_id);

-- Case register (R-B1). No child names: the minimum needed to sample and audit.
CREATE TABLE case_file (
  id                  INTEGER PRIMARY KEY,
  case_ref            TEXT NOT NULL UNIQUE,
  team_id             INTEGER NOT NULL REFERENCES team (id),
  locality_id         INTEGER REFERENCES locality (id),
  allocated_worker_id INTEGER REFERENCES staff (id),
  open_date           TEXT NOT NULL,
  close_date          TEXT,
  legal_status        TEXT NOT NULL CHECK (legal_status IN ('early-help', 'child-in-need',
                        'child-protection', 'looked-after', 'care-leaver', 'send', 'other')),
  ethnicity           TEXT,
  birth_month         TEXT,
  gender              TEXT CHECK (gender IN ('male', 'female', 'other', 'unknown')),
  disability          INTEGER NOT NULL DEFAULT 0 CHECK (disability IN (0, 1)),
  restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  CHECK (close_date IS NULL OR close_date >= open_date)
);
CREATE INDEX case_file_team ON case_file (team_id);
CREATE INDEX case_file_worker ON case_file (allocated_worker_id);

-- Audit programme (R-C1)
CREATE TABLE programme_entry (
  id              INTEGER PRIMARY KEY,
  month           TEXT NOT NULL,
  strand          TEXT NOT NULL CHECK (strand IN ('social-care', 'early-help', 'send', 'dip-sample')),
  focus           TEXT NOT NULL,
  questions       TEXT,
  allocation_date TEXT,
  return_date     TEXT,
  briefing_date   TEXT,
  training        TEXT,
  UNIQUE (month, strand)
);

-- Audit tools (R-E1, R-E2). A version's definition is the tool's JSON and never changes.
CREATE TABLE audit_tool (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE audit_tool_version (
  id         INTEGER PRIMARY KEY,
  tool_id    INTEGER NOT NULL REFERENCES audit_tool (id),
  version    INTEGER NOT NULL CHECK (version >= 1),
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (tool_id, version)
);

-- Audits (R-F1–R-F11)
CREATE TABLE audit (
  id                    INTEGER PRIMARY KEY,
  case_id               INTEGER NOT NULL REFERENCES case_file (id),
  tool_version_id       INTEGER NOT NULL REFERENCES audit_tool_version (id),
  auditor_id            INTEGER NOT NULL REFERENCES staff (id),
  joint_practitioner_id INTEGER REFERENCES staff (id),
  programme_entry_id    INTEGER REFERENCES programme_entry (id),
  status                TEXT NOT NULL DEFAULT 'allocated'
                          CHECK (status IN ('allocated', 'in-progress', 'submitted', 'closed')),
  allocated_on          TEXT NOT NULL,
  due_date              TEXT,
  audit_date            TEXT,
  period_start          TEXT,
  period_end            TEXT,
  pen_picture           TEXT,
  overall_grade         TEXT CHECK (overall_grade IN ('outstanding', 'good',
                          'requires-improvement', 'inadequate')),
  category              INTEGER CHECK (category BETWEEN 1 AND 4),
  done_well             TEXT,
  comments              TEXT,
  submitted_at          TEXT,
  review_due_at         TEXT,
  recommendations_checked_at TEXT,
  feedback_method       TEXT,
  feedback_date         TEXT,
  feedback_summary      TEXT,
  CHECK (category IS NULL OR category > 2 OR overall_grade = 'inadequate')
);
CREATE INDEX audit_case ON audit (case_id);
CREATE INDEX audit_auditor ON audit (auditor_id);
CREATE INDEX audit_status ON audit (status);
CREATE INDEX audit_allocated_on ON audit (allocated_on);

CREATE TABLE audit_section (
  audit_id   INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
  section_id TEXT NOT NULL,
  grade      TEXT CHECK (grade IN ('outstanding', 'good', 'requires-improvement', 'inadequate')),
  comments   TEXT,
  PRIMARY KEY (audit_id, section_id)
);

CREATE TABLE audit_answer (
  audit_id    INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  answer      TEXT,
  reason      TEXT,
  PRIMARY KEY (audit_id, question_id)
);

-- Actions (R-F5) and the manager's response (R-F9)
CREATE TABLE action (
  id           INTEGER PRIMARY KEY,
  audit_id     INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
  description  TEXT NOT NULL,
  owner_id     INTEGER REFERENCES staff (id),
  due_date     TEXT,
  impact       TEXT,
  safeguarding INTEGER NOT NULL DEFAULT 0 CHECK (safeguarding IN (0, 1)),
  completed_on TEXT
);
CREATE INDEX action_audit ON action (audit_id);
CREATE INDEX action_due ON action (due_date);

CREATE TABLE manager_response (
  id             INTEGER PRIMARY KEY,
  audit_id       INTEGER NOT NULL UNIQUE REFERENCES audit (id) ON DELETE CASCADE,
  manager_id     INTEGER REFERENCES staff (id),
  response       TEXT,
  stretch_target TEXT,
  decision       TEXT,
  due_date       TEXT,
  responded_on   TEXT
);

-- Moderation (R-H1–R-H3)
CREATE TABLE moderation (
  id              INTEGER PRIMARY KEY,
  audit_id        INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
  moderator_id    INTEGER NOT NULL REFERENCES staff (id),
  due_date        TEXT,
  moderated_on    TEXT,
  overall_grade   TEXT CHECK (overall_grade IN ('outstanding', 'good',
                    'requires-improvement', 'inadequate')),
  differences     TEXT,
  discussion_date TEXT,
  participants    TEXT,
  further_actions TEXT,
  learning        TEXT,
  made_difference INTEGER CHECK (made_difference IN (0, 1))
);
CREATE INDEX moderation_audit ON moderation (audit_id);
CREATE INDEX moderation_moderator ON moderation (moderator_id);

CREATE TABLE moderation_section (
  moderation_id INTEGER NOT NULL REFERENCES moderation (id) ON DELETE CASCADE,
  section_id    TEXT NOT NULL,
  grade         TEXT CHECK (grade IN ('outstanding', 'good', 'requires-improvement', 'inadequate')),
  PRIMARY KEY (moderation_id, section_id)
);

-- Change history (R-M3): who changed what, when, from what to what. Append-only:
-- the store writes it in the same transaction as the change, and nothing may alter it.
CREATE TABLE change_history (
  id         INTEGER PRIMARY KEY,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  INTEGER NOT NULL,
  field      TEXT NOT NULL,
  old_value  TEXT,
  new_value  TEXT
);
CREATE INDEX change_history_entity ON change_history (entity, entity_id);

CREATE TRIGGER change_history_no_update BEFORE UPDATE ON change_history
BEGIN
  SELECT RAISE (ABORT, 'the change history cannot be altered');
END;

CREATE TRIGGER change_history_no_delete BEFORE DELETE ON change_history
BEGIN
  SELECT RAISE (ABORT, 'the change history cannot be altered');
END;

-- The roles of R-A2 with the default quotas of R-A3 (seed 01, and seed 04 for managers,
-- Independent Reviewing Officers and the CPP's dip samples). Editable; rank orders seniority.
INSERT INTO role (code, name, rank, quota, quota_period) VALUES
  ('strategic-director',   'Strategic Director',                 1, 2,    'year'),
  ('assistant-director',   'Chief Officer / Assistant Director', 2, 6,    'year'),
  ('head-of-service',      'Head of Service',                    3, 6,    'year'),
  ('service-manager',      'Service Manager',                    4, 8,    'year'),
  ('group-manager',        'Group Manager',                      5, 1,    'month'),
  ('team-manager',         'Team Manager',                       6, 1,    'month'),
  ('practice-manager',     'Practice Manager / Supervisor',      7, 1,    'month'),
  ('advanced-practitioner','Advanced Practitioner',              8, 7,    'cycle'),
  ('lead-professional',    'Lead for Professional Practice',     4, 25,   'month'),
  ('lead-auditor',         'Lead Auditor',                       5, 25,   'month'),
  ('iro',                  'Independent Reviewing Officer',      7, 1,    'month'),
  ('practitioner',         'Social Worker / Practitioner',       9, NULL, NULL),
  ('partner-auditor',      'Partner agency auditor',             9, NULL, NULL);
