-- snapshot-sqlserver: the table a SqlServerSnapshotStore uses, with the default names [dbo].[snapshots].
-- Run it yourself and open the store with createSchema(false) (URI option createSchema=false) when the
-- application's login may not create tables. For another schema or table, replace [dbo] and [snapshots]
-- (and the constraint name [snapshots_pk]).
--
-- Key columns: NVARCHAR(201), binary collation (ids differing only in case or accents are different
-- streams). 2 x 201 characters x 2 bytes + 8 bytes of BIGINT = 812 bytes, within SQL Server's 900-byte
-- clustered index key limit; the store accepts types and ids of up to 200 characters (the 201st holds the
-- marker '~' that an id ending in a space or '~' is stored with, since SQL Server ignores trailing spaces
-- when it compares strings).
-- created_at is UTC. metadata is a JSON object of strings.
CREATE TABLE [dbo].[snapshots] (
  aggregate_type  NVARCHAR(201) COLLATE Latin1_General_100_BIN2 NOT NULL,
  aggregate_id    NVARCHAR(201) COLLATE Latin1_General_100_BIN2 NOT NULL,
  version         BIGINT          NOT NULL,
  payload         VARBINARY(MAX)  NOT NULL,
  serializer_id   NVARCHAR(64)    NOT NULL,
  codec_id        NVARCHAR(64)    NOT NULL,
  schema_revision INT             NOT NULL,
  metadata        NVARCHAR(MAX)   NOT NULL,
  created_at      DATETIME2(6)    NOT NULL,
  CONSTRAINT [snapshots_pk] PRIMARY KEY CLUSTERED (aggregate_type, aggregate_id, version)
);
