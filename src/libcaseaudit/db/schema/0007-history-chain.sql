-- Schema (0007): a change history that shows when it has been altered outside Case Audit
-- (R-M3, R-M5).
--
-- The triggers of version 1 refuse UPDATE and DELETE, but anyone with the sqlite3 program
-- can drop them first. So each row now carries a seal: hash = SHA-256 of the row before's
-- hash and of every field of the row, written as hex (ca-database-verify.c says exactly
-- how). A row changed, removed or put in another order breaks the chain from there on.
-- SQLite has no SHA-256, so the rows already here are sealed by Case Audit's own code right
-- after this file, in the same transaction (ca_database_run_migration_code()), which then
-- puts the no-update trigger back; it is dropped here only so that those rows can be sealed.
DROP TRIGGER IF EXISTS change_history_no_update;
ALTER TABLE change_history ADD COLUMN hash TEXT;

-- The head of the chain: how many rows there are, and the last one's number and hash. Kept
-- by the trigger below with every row added, so that rows deleted from the end (which
-- leaves a shorter chain that still links up) are noticed too. One row, added with the
-- seals of the rows already here.
CREATE TABLE change_history_seal (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  row_count INTEGER NOT NULL,
  last_id   INTEGER NOT NULL,
  last_hash TEXT NOT NULL
);

CREATE TRIGGER change_history_seal_insert AFTER INSERT ON change_history
BEGIN
  UPDATE change_history_seal SET row_count = row_count + 1, last_id = NEW.id,
    last_hash = NEW.hash;
END;

CREATE TRIGGER change_history_seal_no_delete BEFORE DELETE ON change_history_seal
BEGIN
  SELECT RAISE (ABORT, 'the change history cannot be altered');
END;
