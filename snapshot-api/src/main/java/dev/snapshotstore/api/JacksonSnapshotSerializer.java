package dev.snapshotstore.api;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.auto.service.AutoService;

import dev.snapshotstore.api.spi.SnapshotSerializer;

/**
 * JSON through Jackson. The target type always comes from the caller, never from the data: default typing
 * is off, so stored bytes cannot choose which class gets instantiated. {@code java.time} types are written
 * as ISO-8601 text.
 */
@AutoService(SnapshotSerializer.class)
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
   * Uses the caller's mapper, for custom modules. The caller is responsible for not enabling default typing
   * on it.
   */
  public static JacksonSnapshotSerializer using(ObjectMapper mapper) {
    return new JacksonSnapshotSerializer(mapper.copy());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public byte[] serialize(Object state) {
    try {
      return mapper.writeValueAsBytes(state);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("state of type " + state.getClass().getName() + " cannot be written as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  @Override
  public <T> T deserialize(byte[] bytes, Class<T> type) {
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw new IllegalStateException("JSON null cannot be read as " + type.getName());
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + type.getName() + " from JSON", e);
    }
  }
}
