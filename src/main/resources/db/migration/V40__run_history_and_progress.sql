-- Runlab schema, issue 17: what a learner sees of their past runs and their progress.
-- Written for both PostgreSQL 15 and H2 2.2.

-- The verdict as the learner read it ("stopped after 10 s, the limit of your plan"), and the
-- project each run ran, stored once per distinct project (learners rerun the same code often).
ALTER TABLE run_record ADD COLUMN verdict_text VARCHAR(300);
ALTER TABLE run_record ADD COLUMN code_hash VARCHAR(64);

CREATE TABLE run_code (
  hash        VARCHAR(64)              NOT NULL PRIMARY KEY,
  entry       VARCHAR(255)             NOT NULL,
  files       VARCHAR                  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A learner's runs of one lesson, newest first (the lesson page's Runs panel).
CREATE INDEX ix_run_owner_lesson_created ON run_record (owner_key, lesson_slug, created_at);

-- Lessons a learner (or a visitor, by their identity key) opened and completed.
CREATE TABLE lesson_progress (
  owner_key     VARCHAR(80)              NOT NULL,
  lesson_slug   VARCHAR(80)              NOT NULL,
  visited_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  completed_at  TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (owner_key, lesson_slug)
);
