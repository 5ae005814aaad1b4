package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.redis.internal.RedisUri;
import dev.snapshotstore.testservers.RedisProcess;
import redis.clients.jedis.Jedis;

/**
 * Passwords with every character a URI gives a meaning to, against a real server with one ACL user per password:
 * percent-encoded (as RFC 3986 asks) they open a working store, so they were decoded exactly; left unencoded where
 * that makes the URI ambiguous they are refused, asking for percent-encoding. No exception message, no
 * {@code toString()} and no log line (SLF4J and java.util.logging) ever holds any part of a password. It owns its
 * server: it creates users.
 */
class RedisUriPasswordTest {

  /** Each character in the middle of a password made of two marker words that appear nowhere else. */
  private static final List<String> SPECIAL = List.of("/", "+", "?", "@", ":", "#", "%", "&", ";", "=", " ",
      "ü€😀", "%41");
  private static RedisProcess server;

  @BeforeAll
  static void start() {
    server = RedisProcess.start();
    try (Jedis admin = server.client()) {
      for (int i = 0; i < SPECIAL.size(); i++) {
        admin.aclSetUser("user" + i, "on", ">" + password(i), "~*", "&*", "+@all");
      }
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String password(int i) {
    return "Pwq" + i + "x" + SPECIAL.get(i) + "Zk" + i + "y";
  }

  /** The parts of password {@code i} that must never show anywhere. */
  private static List<String> secrets(int i) {
    return List.of(password(i), encode(password(i)), "Pwq" + i + "x", "Zk" + i + "y");
  }

  /** RFC 3986: every byte outside the unreserved set as %XX. */
  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return out.toString();
  }

  private static String address() {
    return server.host() + ":" + server.port();
  }

  @Test
  @DisplayName("percent-encoded passwords holding / + ? @ : # % & ; = space or non-ASCII text open a working store")
  void percentEncodedPasswordsWork() {
    List<String> seen = new ArrayList<>();
    try (CapturedLogs logs = new CapturedLogs()) {
      for (int i = 0; i < SPECIAL.size(); i++) {
        String uri = "redis://user" + i + ":" + encode(password(i)) + "@" + address() + "/2?retries=0";
        try (RedisSnapshotStore store = RedisSnapshotStore.open(uri)) {
          store.save(Snapshot.builder("Pw", "a", i, new byte[] {(byte) i}).build());
          assertThat(store.loadLatest("Pw", "a").orElseThrow().version()).as("password %s", i).isEqualTo(i);
          seen.add(store.toString());
          seen.add(store.options().toString());
        }
      }
      seen.add(logs.text());
    }
    assertNoSecretIn(seen);
  }

  @Test
  @DisplayName("characters that are unambiguous may stay unencoded: + : & ; = and non-ASCII text")
  void unambiguousCharactersMayStayRaw() {
    for (String raw : List.of("+", ":", "&", ";", "=", "ü€😀")) {
      int i = SPECIAL.indexOf(raw);
      try (RedisSnapshotStore store = RedisSnapshotStore.open("redis://user" + i + ":" + password(i) + "@" + address()
          + "?retries=0")) {
        store.save(Snapshot.builder("Pw", "raw", 1, new byte[] {1}).build());
        assertThat(store.loadLatest("Pw", "raw")).as("raw %s", raw).isPresent();
      }
    }
  }

  @Test
  @DisplayName("an unencoded / ? # @ or a stray % is refused as ambiguous, asking for percent-encoding, never quoting the password")
  void ambiguousPasswordsRefused() {
    List<String> seen = new ArrayList<>();
    try (CapturedLogs logs = new CapturedLogs()) {
      for (String raw : List.of("/", "?", "#", "@", "%")) {
        int i = SPECIAL.indexOf(raw);
        for (String uri : List.of("redis://user" + i + ":" + password(i) + "@" + address() + "/2?retention=3",
            "redis://:" + password(i) + "@" + address(), "rediss://user" + i + ":" + password(i) + "@" + address())) {
          assertThatThrownBy(() -> RedisSnapshotStore.open(uri)).as(uri)
              .isInstanceOf(SnapshotConfigurationException.class)
              .hasMessageContaining("percent-encode")
              .satisfies(e -> seen.add(messages(e)));
        }
      }
      seen.add(logs.text());
    }
    assertNoSecretIn(seen);
  }

  @Test
  @DisplayName("a wrong password fails naming Redis; neither the wrong nor the right one shows in messages or logs")
  void wrongPassword() {
    List<String> seen = new ArrayList<>();
    try (CapturedLogs logs = new CapturedLogs()) {
      for (int i = 0; i < SPECIAL.size(); i++) {
        int other = (i + 1) % SPECIAL.size();
        try (RedisSnapshotStore store = RedisSnapshotStore.open("redis://user" + i + ":" + encode(password(other))
            + "@" + address() + "?retries=0")) {
          assertThatThrownBy(() -> store.loadLatest("Pw", "a"))
              .isInstanceOf(SnapshotStoreException.class).hasMessageContaining("Redis")
              .satisfies(e -> seen.add(messages(e)));
          seen.add(store.toString());
        }
      }
      seen.add(logs.text());
    }
    assertNoSecretIn(seen);
  }

  @Test
  @DisplayName("malformed URIs are configuration errors, never raw runtime exceptions, and quote no credential")
  void malformedUris() {
    List<String> bad = List.of("redis://user:Pwq0x%zzZk0y@" + address(), "redis://user:Pwq0x%C3Zk0y@" + address(),
        "redis://user:Pwq0x@[::1", "redis://user:Pwq0x@" + server.host() + ":99999",
        "redis://user:Pwq0x@" + server.host() + ":port", "redis://", "redis:///0", "redis://user:Pwq0x@host/db",
        "redis://user:Pwq0x@ho st:1", "redis://user:Pwq0x?Zk0y@host:1?retention=2",
        "redis://user:Pwq0x?a=b@host:1", "http://user:Pwq0x@host");
    for (String uri : bad) {
      assertThatThrownBy(() -> RedisSnapshotStore.open(uri)).as(uri)
          .isInstanceOf(SnapshotConfigurationException.class)
          .satisfies(e -> assertThat(messages(e)).doesNotContain("Pwq0x", "Zk0y"));
    }
  }

  @Test
  @DisplayName("the parser splits user and password at the first colon, decodes each once, and reads host, port and database")
  void parsing() {
    RedisUri full = RedisUri.parse("rediss://us%3Aer:pa%3Ass%2B+@[::1]:6380/7?retention=2");
    assertThat(full.tls()).isTrue();
    assertThat(full.user()).isEqualTo("us:er");
    assertThat(full.password()).isEqualTo("pa:ss++");
    assertThat(full.host()).isEqualTo("::1");
    assertThat(full.port()).isEqualTo(6380);
    assertThat(full.database()).isEqualTo(7);
    assertThat(full.toString()).doesNotContain("pa:ss", "us%3Aer", "us:er").contains("[::1]:6380/7");
    RedisUri passwordOnly = RedisUri.parse("redis://s%25ecret@example.com");
    assertThat(passwordOnly.user()).isNull();
    assertThat(passwordOnly.password()).isEqualTo("s%ecret");
    assertThat(passwordOnly.port()).isEqualTo(RedisUri.DEFAULT_PORT);
    assertThat(passwordOnly.database()).isEqualTo(-1);
    RedisUri emptyUser = RedisUri.parse("redis://:x%40y@host:1/");
    assertThat(emptyUser.user()).isNull();
    assertThat(emptyUser.password()).isEqualTo("x@y");
    RedisUri none = RedisUri.parse("redis://host");
    assertThat(none.user()).isNull();
    assertThat(none.password()).isNull();
  }

  private static String messages(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append('\n');
      for (Throwable suppressed : t.getSuppressed()) {
        text.append(suppressed).append('\n');
      }
    }
    return text.toString();
  }

  private static void assertNoSecretIn(List<String> texts) {
    for (String text : texts) {
      for (int i = 0; i < SPECIAL.size(); i++) {
        for (String secret : secrets(i)) {
          assertThat(text).as("text seen by the test").doesNotContain(secret);
        }
      }
    }
  }
}
