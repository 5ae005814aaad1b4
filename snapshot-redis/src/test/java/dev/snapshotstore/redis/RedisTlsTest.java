package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.testservers.RedisProcess;
import dev.snapshotstore.testservers.RedisVersion;

/**
 * {@code rediss://} against a real redis-server with TLS whose certificate, signed by a CA of the test's own, names
 * {@code localhost} only. The store verifies the host name by default: through {@code localhost} it connects,
 * through {@code 127.0.0.1} (the same server, a name the certificate does not hold) it refuses, unless
 * {@code verifyHostname=false}; and a server whose CA is not trusted is refused whatever the name. It owns its
 * server: the point is the certificate.
 */
class RedisTlsTest {

  private static TestCertificates pki;
  private static RedisProcess server;

  @BeforeAll
  static void start() {
    pki = TestCertificates.create("localhost");
    server = RedisProcess.startTls(RedisVersion.DEFAULT, pki.certificate(), pki.privateKey(), pki.caCertificate());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String uri(String host, String options) {
    return "rediss://" + host + ":" + server.tlsPort() + "?trustStore=" + pki.trustStore()
        + "&trustStorePassword=" + TestCertificates.PASSWORD + "&retries=0&connectTimeout=2s&operationTimeout=2s"
        + (options.isEmpty() ? "" : "&" + options);
  }

  @Test
  @DisplayName("the certificate names the host dialled: the store connects and works")
  void rightHostName() {
    try (RedisSnapshotStore store = RedisSnapshotStore.open(uri("localhost", ""))) {
      assertThat(store.options().tls()).isTrue();
      assertThat(store.options().verifyHostname()).isTrue();
      store.save(Snapshot.builder("Tls", "a", 1, new byte[] {42}).build());
      assertThat(store.loadLatest("Tls", "a").orElseThrow().payload()).containsExactly(42);
      assertThat(store.options().toString()).doesNotContain(TestCertificates.PASSWORD);
      store.deleteAll("Tls");
    }
  }

  @Test
  @DisplayName("the certificate is for another host name: refused, as a failed TLS handshake")
  void wrongHostNameRefused() {
    try (RedisSnapshotStore store = RedisSnapshotStore.open(uri("127.0.0.1", ""))) {
      assertThatThrownBy(() -> store.loadLatest("Tls", "a"))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("Redis")
          .hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
          .satisfies(e -> assertThat(chainHas(e, SSLHandshakeException.class)).isTrue());
    }
  }

  @Test
  @DisplayName("with verifyHostname=false, the same server is accepted through a name its certificate lacks")
  void hostNameCheckCanBeTurnedOff() {
    try (RedisSnapshotStore store = RedisSnapshotStore.open(uri("127.0.0.1", "verifyHostname=false"))) {
      store.save(Snapshot.builder("Tls", "b", 1, new byte[] {7}).build());
      assertThat(store.loadLatest("Tls", "b").orElseThrow().payload()).containsExactly(7);
      store.deleteAll("Tls");
    }
  }

  @Test
  @DisplayName("a CA the client does not trust (the JDK's default trust) is refused, whatever the name")
  void untrustedCaRefused() {
    try (RedisSnapshotStore store = RedisSnapshotStore.open(
        "rediss://localhost:" + server.tlsPort() + "?retries=0&connectTimeout=2s&operationTimeout=2s")) {
      assertThatThrownBy(() -> store.loadLatest("Tls", "a"))
          .isInstanceOf(BackendUnavailableException.class)
          .satisfies(e -> assertThat(chainHas(e, SSLHandshakeException.class)).isTrue());
    }
  }

  @Test
  @DisplayName("an unreadable trust store, or a wrong password for it, fails at open naming the file, not the password")
  void badTrustStore() {
    assertThatThrownBy(() -> RedisSnapshotStore.open("rediss://localhost:" + server.tlsPort()
        + "?trustStore=/nonexistent/trust.p12"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("/nonexistent/trust.p12");
    assertThatThrownBy(() -> RedisSnapshotStore.open("rediss://localhost:" + server.tlsPort() + "?trustStore="
        + pki.trustStore() + "&trustStorePassword=wrong-secret"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("trust store")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret"));
  }

  private static boolean chainHas(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
