package dev.snapshotstore.rehydrationjdbc;

/**
 * How an events table stores each event's payload. Decoders always get bytes: the UTF-8 text of {@link #JSONB} and
 * {@link #TEXT} payloads, the stored bytes of {@link #BYTEA} ones; encoders give the same.
 */
public enum PayloadType {

  /** PostgreSQL {@code jsonb} (its JSON text is read back normalised: key order and spacing may change). */
  JSONB,

  /** Text: PostgreSQL {@code text}, SQL Server {@code NVARCHAR(MAX)}; the payload must be valid UTF-8. */
  TEXT,

  /** Bytes: PostgreSQL {@code bytea}, SQL Server {@code VARBINARY(MAX)}; for Avro, Protobuf or compressed JSON. */
  BYTEA
}
