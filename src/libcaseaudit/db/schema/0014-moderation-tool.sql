-- Schema (0014): the Stage 2 moderation as a tool (R-H3, R-E1, R-E2), shipped as
-- data/tools/stage-2.json and versioned like the audit tools.

-- What a tool is for: an audit tool is chosen for an audit (an allocation, an import); a
-- moderation tool holds the words of the moderation form, and never is. A tool keeps its
-- kind across versions.
ALTER TABLE audit_tool ADD COLUMN kind TEXT NOT NULL DEFAULT 'audit'
  CHECK (kind IN ('audit', 'moderation'));

-- The version of the Stage 2 tool a moderation was made with, so that a later version does
-- not change how an old moderation reads. A moderation without one (made before this
-- schema, imported from a file, or generated) reads with version 1, whose words are those
-- the form had before it was a tool.
ALTER TABLE moderation ADD COLUMN tool_version_id INTEGER REFERENCES audit_tool_version (id);
