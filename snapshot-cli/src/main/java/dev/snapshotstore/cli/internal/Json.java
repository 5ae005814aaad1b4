package dev.snapshotstore.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tool's JSON: what {@code --json} prints, checkpoints, and how stored JSON payloads are read. Payloads are
 * only ever read as trees, never bound to classes, and numbers keep their exact digits.
 */
public final class Json {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Writes trees, indented, one document per command. */
  public static final ObjectMapper WRITER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .build();

  /** Reads stored payloads and checkpoints as trees: exact decimals, and nothing may follow the document. */
  public static final ObjectMapper READER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  public static void print(PrintStream out, JsonNode document) {
    out.println(safe(pretty(document)));
  }

  /**
   * JSON text with DEL, the C1 controls and the Unicode line separators escaped as well (Jackson escapes only
   * the C0 controls), so that stored text cannot drive the terminal. They can only occur inside strings, where
   * a backslash-u escape means the same character: the document is unchanged.
   */
  public static String safe(String json) {
    StringBuilder out = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean escape = (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
      if (escape && out == null) {
        out = new StringBuilder(json.length() + 16).append(json, 0, i);
      }
      if (out != null) {
        out.append(escape ? String.format(java.util.Locale.ROOT, "\\u%04X", (int) c) : String.valueOf(c));
      }
    }
    return out == null ? json : out.toString();
  }

  /** The document, indented, as text. */
  public static String pretty(JsonNode document) {
    try {
      return WRITER.writeValueAsString(document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
  }
}
