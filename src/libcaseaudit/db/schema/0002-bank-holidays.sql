-- Schema version 2: the bank holidays a team has imported (R-G1).
--
-- The stored list overrides the list Case Audit ships and the rules, but only for the years
-- it covers: a year is covered when it has a row in bank_holiday_year, and then exactly its
-- rows in bank_holiday are its bank holidays (none at all is possible, if unlikely).
-- Dates are 'YYYY-MM-DD'; imported_at is a UTC timestamp 'YYYY-MM-DDTHH:MM:SSZ'.

CREATE TABLE bank_holiday_year (
  year        INTEGER PRIMARY KEY CHECK (year BETWEEN 1 AND 9999),
  source      TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE bank_holiday (
  holiday_date TEXT PRIMARY KEY CHECK (length (holiday_date) = 10),
  title        TEXT NOT NULL
);
