package dev.snapshotstore.jackson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.ByteBufferBackedInputStream;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.SnapshotSerializer;

/**
 * JSON through Jackson. The target type always comes from the caller, never from the data: default typing
 * is off, so stored bytes cannot choose which class gets instantiated. {@code java.time} types are written
 * as ISO-8601 text. Generic state ({@code List<OrderLine>}) is read as its full generic type.
 */
public final class JacksonSnapshotSerializer implements SnapshotSerializer {

  public static final String ID = "jackson-json";

  private final ObjectMapper mapper;

  /** For {@link java.util.ServiceLoader}; prefer {@link #create()}. */
  public JacksonSnapshotSerializer() {
    this(JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .build());
  }

  private JacksonSnapshotSerializer(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public static JacksonSnapshotSerializer create() {
    return new JacksonSnapshotSerializer();
  }

  /**
   * Uses a copy of the caller's mapper, for custom modules. Fails if the mapper has default typing enabled:
   * stored bytes must never choose the class that gets instantiated.
   */
  public static JacksonSnapshotSerializer using(ObjectMapper mapper) {
    Arguments.checkNotNull(mapper, "mapper");
    if (mapper.getDeserializationConfig().getDefaultTyper(mapper.constructType(Object.class)) != null) {
      throw new IllegalArgumentException("mapper must not have default typing enabled: stored snapshots would choose"
          + " the classes they are read as");
    }
    return new JacksonSnapshotSerializer(mapper.copy());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public byte[] serialize(Object state, Type type) {
    try {
      return mapper.writerFor(mapper.constructType(type)).writeValueAsBytes(state);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("state of type " + type.getTypeName() + " cannot be written as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  @Override
  public Object deserialize(ByteBuffer bytes, Type type) {
    JavaType target = mapper.constructType(type);
    try {
      Object value = mapper.readValue(new ByteBufferBackedInputStream(bytes), target);
      if (value == null) {
        throw new IllegalStateException("JSON null cannot be read as " + type.getTypeName());
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + type.getTypeName() + " from JSON", e);
    }
  }

  @Override
  public String toString() {
    return "JacksonSnapshotSerializer[" + ID + "]";
  }
}
