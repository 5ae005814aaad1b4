package dev.snapshotstore.sqlserver.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Metadata is stored as a JSON object of strings in NVARCHAR(MAX): readable in SQL (OPENJSON, JSON_VALUE)
 * and exact, since NVARCHAR holds any UTF-16 text and JSON escapes what needs escaping. Read strictly with
 * Jackson's streaming parser: anything but an object of string values (numbers, nulls, nesting, a key given
 * twice) is an error rather than something coerced into a map.
 */
public final class MetadataJson {

  /**
   * No length limits beyond the store's own {@code maxMetadataBytes}: Jackson's defaults (50,000-character
   * names) would make a snapshot the store accepted unreadable. Field names are not interned, since metadata
   * keys are arbitrary text rather than a small vocabulary.
   */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .build())
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private MetadataJson() {}

  /** The metadata as a JSON object, keys in sorted order so that equal metadata is equal text. */
  public static String write(Map<String, String> metadata) {
    if (metadata.isEmpty()) {
      return "{}";
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
        json.writeFieldName(entry.getKey());
        json.writeString(entry.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("metadata cannot be written as JSON", e);
    }
    return text.toString();
  }

  /** The metadata a stored text holds; {@link IllegalArgumentException} when it is not a JSON object of strings. */
  public static Map<String, String> read(String text) {
    TreeMap<String, String> metadata = new TreeMap<>();
    try (JsonParser json = JSON.createParser(text)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("metadata is not a JSON object");
      }
      for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
        String key = json.currentName();
        if (json.nextToken() != JsonToken.VALUE_STRING) {
          throw new IllegalArgumentException("metadata value of '" + key + "' is " + json.currentToken()
              + ", not a JSON string");
        }
        metadata.put(key, json.getText());
      }
      if (json.nextToken() != null) {
        throw new IllegalArgumentException("metadata has text after its JSON object");
      }
    } catch (IOException e) {
      String problem = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException("metadata is not a JSON object of strings: " + problem, e);
    }
    return metadata;
  }
}
