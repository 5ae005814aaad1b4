package dev.snapshotstore.cli.internal;

/** Why a stored snapshot cannot be read, as {@code verify} reports it. */
public final class DecodeFailure extends RuntimeException {

  /** What kind of problem: damaged data, or data this tool lacks the means to read. */
  public enum Kind {
    /** The stored bytes are damaged: the backend, the codec or the JSON parser rejects them. */
    CORRUPT,
    /** The bytes may be fine, but no codec, serializer or dictionary on the class path reads them. */
    UNDECODABLE,
    /** Readable, but written under another schema revision than the one asked for. */
    REVISION
  }

  private final Kind kind;

  public DecodeFailure(Kind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
  }

  public DecodeFailure(Kind kind, String reason) {
    super(reason);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public String reason() {
    return getMessage();
  }
}
