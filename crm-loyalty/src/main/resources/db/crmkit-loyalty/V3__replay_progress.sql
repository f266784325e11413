-- crm-loyalty schema, version 3: the progress of bulk replays (crm loyalty replay), written in the
-- same transaction as each batch of replayed events, so that a replay killed mid-file resumes
-- after the last committed line instead of looking up every earlier event's key again.
-- Plain SQL for H2 2.x and PostgreSQL 12+.

-- One row per replay: replay_id identifies the program, options and file (its first line); digest
-- is the SHA-256 of the file's lines 1..line, checked before a resume.
CREATE TABLE loyalty_replay (
  replay_id   VARCHAR(64)  PRIMARY KEY,
  line        BIGINT       NOT NULL,
  digest      VARCHAR(64)  NOT NULL,
  done        BIGINT       NOT NULL,
  after_as_of BIGINT       NOT NULL,
  last_time   TIMESTAMP WITH TIME ZONE
);

-- The lines a replay skipped (--skip-bad-rows) up to its progress, reported again on a resume.
CREATE TABLE loyalty_replay_skipped (
  replay_id VARCHAR(64)   NOT NULL,
  line      BIGINT        NOT NULL,
  reason    VARCHAR(4000) NOT NULL,
  PRIMARY KEY (replay_id, line)
);
