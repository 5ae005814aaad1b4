package dev.snapshotstore.jackson3;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.ByteBufferBackedInputStream;

import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.SnapshotSerializer;

/**
 * JSON through Jackson 3. The target type always comes from the caller, never from the data: a mapper with
 * default typing is refused, so stored bytes cannot choose which class gets instantiated. {@code java.time}
 * values are ISO-8601 text (Jackson 3's default, and what the Jackson 2 serializer writes).
 *
 * <p>The id is {@value #ID}, the Jackson 2 serializer's: the two write the same JSON for the same state, and
 * each reads what the other wrote (tested both ways).
 */
public final class Jackson3SnapshotSerializer implements SnapshotSerializer {

  /** The same id as {@code dev.snapshotstore.jackson.JacksonSnapshotSerializer.ID}: one wire format. */
  public static final String ID = "jackson-json";

  private final ObjectMapper mapper;

  /** For {@link java.util.ServiceLoader}; prefer {@link #create()}. */
  public Jackson3SnapshotSerializer() {
    this(JsonMapper.builder().build());
  }

  private Jackson3SnapshotSerializer(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A serializer on Jackson 3's default JSON mapper. */
  public static Jackson3SnapshotSerializer create() {
    return new Jackson3SnapshotSerializer();
  }

  /**
   * Uses the caller's mapper (Jackson 3 mappers are immutable, so it is shared, not copied), for its modules and
   * naming. Fails if the mapper has default typing enabled: stored snapshots would choose the classes they are
   * read as.
   */
  public static Jackson3SnapshotSerializer using(ObjectMapper mapper) {
    Arguments.checkNotNull(mapper, "mapper");
    if (mapper.deserializationConfig().getDefaultTyper(mapper.constructType(Object.class)) != null) {
      throw new IllegalArgumentException("mapper must not have default typing enabled: stored snapshots would choose"
          + " the classes they are read as");
    }
    return new Jackson3SnapshotSerializer(mapper);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public byte[] serialize(Object state, Type type) {
    try {
      return mapper.writerFor(mapper.constructType(type)).writeValueAsBytes(state);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("state of type " + type.getTypeName() + " cannot be written as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  @Override
  public Object deserialize(ByteBuffer bytes, Type type) {
    JavaType target = mapper.constructType(type);
    Object value = mapper.readValue(new ByteBufferBackedInputStream(bytes), target);
    if (value == null) {
      throw new IllegalStateException("JSON null cannot be read as " + type.getTypeName());
    }
    return value;
  }

  @Override
  public String toString() {
    return "Jackson3SnapshotSerializer[" + ID + "]";
  }
}
