package dev.snapshotstore.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.snapshotstore.api.spi.SnapshotSerializer;

/** A test serializer: {@code String} state as UTF-8, {@code List<String>} as lines. It refuses other types. */
final class TextSerializer implements SnapshotSerializer {

  static final String ID = "text";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public byte[] serialize(Object state, Type type) {
    String text = isListOfStrings(type) ? String.join("\n", castList(state)) : (String) state;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Object deserialize(ByteBuffer bytes, Type type) {
    byte[] copy = new byte[bytes.remaining()];
    bytes.get(copy);
    String text = new String(copy, StandardCharsets.UTF_8);
    if (text.startsWith("{")) {
      throw new IllegalArgumentException("not text: " + text);
    }
    if (isListOfStrings(type)) {
      return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }
    if (type != String.class) {
      throw new IllegalArgumentException("cannot read " + type.getTypeName());
    }
    return text;
  }

  private static boolean isListOfStrings(Type type) {
    return type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class
        && parameterized.getActualTypeArguments()[0] == String.class;
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object state) {
    return (List<String>) state;
  }
}
