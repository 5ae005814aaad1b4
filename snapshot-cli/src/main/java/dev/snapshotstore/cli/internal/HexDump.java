package dev.snapshotstore.cli.internal;

import java.nio.ByteBuffer;
import java.util.Locale;

/** Bytes as {@code hexdump -C} writes them: offset, sixteen bytes in hex, and the printable ASCII beside them. */
final class HexDump {

  private HexDump() {}

  /** The first {@code limit} bytes of {@code bytes}, one line per sixteen, each ending in a line break. */
  static String of(ByteBuffer bytes, int limit) {
    ByteBuffer view = bytes.duplicate();
    int length = Math.min(view.remaining(), limit);
    StringBuilder out = new StringBuilder(length / 16 * 78 + 80);
    for (int line = 0; line < length; line += 16) {
      out.append(String.format(Locale.ROOT, "%08x  ", line));
      StringBuilder ascii = new StringBuilder(16);
      for (int i = 0; i < 16; i++) {
        if (line + i < length) {
          int b = view.get(view.position() + line + i) & 0xFF;
          out.append(String.format(Locale.ROOT, "%02x ", b));
          ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        } else {
          out.append("   ");
        }
        if (i == 7) {
          out.append(' ');
        }
      }
      out.append(" |").append(ascii).append("|\n");
    }
    return out.toString();
  }
}
