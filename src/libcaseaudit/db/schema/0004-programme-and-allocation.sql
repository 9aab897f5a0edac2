-- Schema version 4: the programme's other events, auditors' capacity and allocation runs.

-- R-C2: moderation panels, manager audit workshops, triangulation meetings and anything else
-- the CPP puts in the calendar beside the monthly programme entries.
CREATE TABLE programme_event (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('moderation-panel', 'workshop', 'triangulation',
                                           'other')),
  title      TEXT NOT NULL,
  event_date TEXT NOT NULL,
  notes      TEXT,
  UNIQUE (event_date, kind, title)
);
CREATE INDEX programme_event_date ON programme_event (event_date);

-- R-A3 / R-D3: how many audits a month an auditor can take in an allocation run. A role's
-- number is the default for its people (seed 04: every manager and IRO one a month); a
-- person's own number, when set, wins (leave, a part-time post, a vacancy covered).
-- NULL on a role means its people do not audit.
ALTER TABLE role ADD COLUMN monthly_capacity INTEGER
  CHECK (monthly_capacity IS NULL OR monthly_capacity BETWEEN 0 AND 1000);
UPDATE role SET monthly_capacity = 1 WHERE quota IS NOT NULL;
ALTER TABLE staff ADD COLUMN monthly_capacity INTEGER
  CHECK (monthly_capacity IS NULL OR monthly_capacity BETWEEN 0 AND 1000);

-- R-D1, R-D4, R-D5: one allocation run of a programme month. The settings are the run's
-- inputs as JSON (eligible service areas, closed-within days, sample rule, strata, restricted
-- records policy) so that a run can be explained and repeated with its stored seed.
CREATE TABLE allocation_run (
  id                 INTEGER PRIMARY KEY,
  month              TEXT NOT NULL,
  programme_entry_id INTEGER REFERENCES programme_entry (id),
  seed               INTEGER NOT NULL,
  settings           TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  created_by         TEXT NOT NULL,
  cancelled_at       TEXT
);
CREATE INDEX allocation_run_month ON allocation_run (month);

-- Each allocated audit remembers its run, the stratum it was drawn from, why its auditor was
-- chosen, and whether the record is restricted so an access request is needed first.
ALTER TABLE audit ADD COLUMN allocation_run_id INTEGER REFERENCES allocation_run (id);
ALTER TABLE audit ADD COLUMN stratum TEXT;
ALTER TABLE audit ADD COLUMN allocation_reason TEXT;
ALTER TABLE audit ADD COLUMN access_request INTEGER NOT NULL DEFAULT 0
  CHECK (access_request IN (0, 1));
CREATE INDEX audit_allocation_run ON audit (allocation_run_id);
-- "Not audited in the last 3 months" and "not the same case for the same auditor within
-- 12 months" look audits up by case and date.
CREATE INDEX audit_case_allocated_on ON audit (case_id, allocated_on);
CREATE INDEX case_file_close_date ON case_file (close_date);
