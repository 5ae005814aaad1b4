-- snapshot-postgres table, for teams whose migration tool (Flyway, Liquibase) owns the schema.
-- Run it as is for the default table public.snapshots, or rename the table; then open the store with
-- createSchema(false), and it checks these columns and the primary key at start.

CREATE TABLE IF NOT EXISTS snapshots (
  -- "C" collation: byte-order comparison, faster, and immune to OS locale upgrades re-sorting the index.
  aggregate_type  text COLLATE "C" NOT NULL,
  aggregate_id    text COLLATE "C" NOT NULL,
  version         bigint      NOT NULL,
  payload         bytea       NOT NULL,
  serializer_id   text        NOT NULL,
  codec_id        text        NOT NULL,
  schema_revision integer     NOT NULL,
  -- a JSON object of strings, written by the store; cast to jsonb for ad-hoc queries
  metadata        text        NOT NULL,
  created_at      timestamptz NOT NULL,
  CONSTRAINT snapshots_pkey PRIMARY KEY (aggregate_type, aggregate_id, version)
);

-- Payloads usually arrive already compressed by the store's codec: store them out of line without a second
-- (pglz) compression. See the module README for the measurement behind this choice.
ALTER TABLE snapshots ALTER COLUMN payload SET STORAGE EXTERNAL;
