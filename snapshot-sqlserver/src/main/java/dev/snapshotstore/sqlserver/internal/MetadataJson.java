package dev.snapshotstore.sqlserver.internal;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Metadata is stored as a JSON object of strings in NVARCHAR(MAX): readable in SQL (OPENJSON, JSON_VALUE)
 * and exact, since NVARCHAR holds any UTF-16 text and JSON escapes what needs escaping.
 */
public final class MetadataJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {};

  private MetadataJson() {}

  public static String write(Map<String, String> metadata) {
    try {
      return MAPPER.writeValueAsString(new TreeMap<>(metadata));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metadata cannot be written as JSON", e);
    }
  }

  /** The metadata a stored text holds; {@link IllegalArgumentException} when it is not a JSON object of strings. */
  public static Map<String, String> read(String json) {
    TreeMap<String, String> metadata;
    try {
      metadata = MAPPER.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metadata is not a JSON object of strings: " + e.getOriginalMessage(), e);
    }
    if (metadata == null) {
      throw new IllegalArgumentException("metadata is JSON null, not an object");
    }
    if (metadata.containsValue(null)) {
      throw new IllegalArgumentException("metadata holds a null value");
    }
    return metadata;
  }
}
