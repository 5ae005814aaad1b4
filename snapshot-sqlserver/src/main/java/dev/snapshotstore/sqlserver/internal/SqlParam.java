package dev.snapshotstore.sqlserver.internal;

import java.util.Arrays;

/** One positional parameter of a {@link SqlCommand}, typed the way it must reach the driver. */
public sealed interface SqlParam {

  /** Bound with {@code setNString}, so text is sent as NVARCHAR whatever the connection's string settings. */
  record Text(String value) implements SqlParam {}

  record Int64(long value) implements SqlParam {}

  record Int32(int value) implements SqlParam {}

  /** Bound with {@code setBytes}. */
  record Bytes(byte[] value) implements SqlParam {

    @Override
    public boolean equals(Object other) {
      return other instanceof Bytes that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + value.length + " bytes]";
    }
  }

  static SqlParam text(String value) {
    return new Text(value);
  }

  static SqlParam int64(long value) {
    return new Int64(value);
  }

  static SqlParam int32(int value) {
    return new Int32(value);
  }

  static SqlParam bytes(byte[] value) {
    return new Bytes(value);
  }
}
