-- Schema (0012): an audit's action marked done and signed off (R-I2, seed 02: "most other
-- actions are completed within a 4 week period and will be signed off by the line manager
-- of the social worker").

-- Who marked it done, and what shows it is; when is completed_on, there since the first
-- schema.
ALTER TABLE action ADD COLUMN completed_by INTEGER REFERENCES staff (id);
ALTER TABLE action ADD COLUMN evidence TEXT;

-- The sign-off by the allocated worker's line manager, once it is done.
ALTER TABLE action ADD COLUMN signed_off_by INTEGER REFERENCES staff (id);
ALTER TABLE action ADD COLUMN signed_off_on TEXT;
