package dev.snapshotstore.testservers;

import java.util.Locale;

/**
 * The redis-server binaries this module can start, both from Maven Central: 6.2 from
 * {@code com.github.codemonstur:embedded-redis} (on the classpath) and 7.0 from {@code org.signal:embedded-redis}
 * (its binaries copied into this module's jar at build time, since both artifacts use the package
 * {@code redis.embedded}). Linux and macOS, x86-64 and arm64.
 */
public enum RedisVersion {

  /** redis-server 6.2 (the binary reports itself as 6.2.11 on linux-amd64 though the artifact names it 6.2.6). */
  V6_2("6.2"),

  /** redis-server 7.0.15. */
  V7_0("7.0");

  /** What the tests' shared server and cluster run when no URL names another server. */
  public static final RedisVersion DEFAULT = V7_0;

  private final String label;

  RedisVersion(String label) {
    this.label = label;
  }

  /** "6.2" or "7.0". */
  public String label() {
    return label;
  }

  /** The classpath resource of this version's binary for the running machine. */
  String resource() {
    String platform = platform();
    if (this == V7_0) {
      return "dev/snapshotstore/testservers/redis-7.0/redis-server-7.0.15-" + platform;
    }
    return switch (platform) {
      case "linux-amd64" -> "redis-server-6.2.6-v5-linux-amd64";
      case "linux-arm64" -> "redis-server-6.2.7-linux-arm64";
      case "darwin-amd64" -> "redis-server-6.2.6-v5-darwin-amd64";
      case "darwin-arm64" -> "redis-server-6.2.6-v5-darwin-arm64";
      default -> throw new IllegalStateException("no Redis " + label + " binary for " + platform);
    };
  }

  private static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String system = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("linux") ? "linux" : null;
    String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "amd64"
        : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : null;
    if (system == null || cpu == null) {
      throw new IllegalStateException("no embedded redis-server for " + os + "/" + arch
          + ": set " + RedisTestServer.URL_VARIABLE + " to a server of your own");
    }
    return system + "-" + cpu;
  }
}
