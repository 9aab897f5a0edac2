-- Schema (0008): what each program changed, for the other programs on the same file.
--
-- A commit adds a row for each kind of record and id it changed: the notes its own views
-- hear through CaDatabase::changed (ca-database-changes.c). A window watching the file
-- (ca-database-watch.c) reads the rows other programs added since it last looked and tells
-- its views just those, where SQLite's data_version alone says only that something
-- changed. The rows hold kinds and ids, never what a record says, and only the last
-- thousand are kept: each commit drops older ones. WRITER is a random name each opening of
-- the file takes, so that a program passes over its own rows.
CREATE TABLE change_note (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  writer TEXT NOT NULL,
  kind   TEXT NOT NULL,
  id     INTEGER NOT NULL
);
