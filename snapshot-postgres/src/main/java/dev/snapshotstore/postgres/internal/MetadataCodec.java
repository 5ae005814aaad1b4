package dev.snapshotstore.postgres.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * Metadata as a JSON object of strings in a {@code text} column. Readable, castable to {@code jsonb} for
 * ad-hoc queries, and exact for every string a snapshot can hold: control characters are written as
 * {@code \\uXXXX} escapes (U+0000 and lone surrogates too, although {@link dev.snapshotstore.api.Snapshot} no
 * longer admits them; rows written before may hold them, and decoding still reads them back).
 */
public final class MetadataCodec {

  private MetadataCodec() {}

  public static String encode(Map<String, String> metadata) {
    if (metadata.isEmpty()) {
      return "{}";
    }
    StringBuilder out = new StringBuilder(16 + metadata.size() * 32).append('{');
    boolean first = true;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      appendString(out, entry.getKey());
      out.append(':');
      appendString(out, entry.getValue());
    }
    return out.append('}').toString();
  }

  private static void appendString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Parses what {@link #encode} wrote (and any JSON object of strings); fails with IllegalArgumentException. */
  public static Map<String, String> decode(String text) {
    if (text.equals("{}")) {
      return Map.of();
    }
    Parser parser = new Parser(text);
    Map<String, String> result = parser.object();
    parser.skipWhitespace();
    if (!parser.atEnd()) {
      throw parser.error("trailing characters");
    }
    return result;
  }

  private static final class Parser {
    private final String text;
    private int position;

    Parser(String text) {
      this.text = text;
    }

    Map<String, String> object() {
      Map<String, String> result = new TreeMap<>();
      skipWhitespace();
      expect('{');
      skipWhitespace();
      if (peek() == '}') {
        position++;
        return result;
      }
      while (true) {
        skipWhitespace();
        String key = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        String value = string();
        if (result.put(key, value) != null) {
          throw error("duplicate key '" + key + "'");
        }
        skipWhitespace();
        char next = next();
        if (next == '}') {
          return result;
        }
        if (next != ',') {
          throw error("expected ',' or '}'");
        }
      }
    }

    String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char escaped = next();
        switch (escaped) {
          case '"', '\\', '/' -> out.append(escaped);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (position + 4 > text.length()) {
              throw error("truncated \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
            } catch (NumberFormatException e) {
              throw error("bad \\u escape");
            }
            position += 4;
          }
          default -> throw error("unknown escape \\" + escaped);
        }
      }
    }

    void skipWhitespace() {
      while (!atEnd() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }

    boolean atEnd() {
      return position >= text.length();
    }

    private char peek() {
      if (atEnd()) {
        throw error("unexpected end");
      }
      return text.charAt(position);
    }

    private char next() {
      char c = peek();
      position++;
      return c;
    }

    private void expect(char expected) {
      if (next() != expected) {
        throw error("expected '" + expected + "'");
      }
    }

    IllegalArgumentException error(String problem) {
      return new IllegalArgumentException("metadata is not a JSON object of strings: " + problem + " at offset "
          + Math.min(position, text.length()));
    }
  }
}
