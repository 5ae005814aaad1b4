package dev.snapshotstore.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the JDK's {@code keytool}: a CA, a server certificate it signed for one DNS name, the
 * PEM files redis-server reads, and a PKCS12 trust store holding only the CA, for the client.
 *
 * @param caCertificate the CA's certificate, PEM
 * @param certificate the server's certificate, PEM
 * @param privateKey the server's private key, PEM (PKCS#8)
 * @param trustStore a PKCS12 store with the CA's certificate, protected by {@link #PASSWORD}
 */
record TestCertificates(Path caCertificate, Path certificate, Path privateKey, Path trustStore) {

  static final String PASSWORD = "changeit-test";

  /** A CA and a certificate for {@code dnsName} only (no IP address), in a new directory. */
  static TestCertificates create(String dnsName) {
    try {
      Path dir = Files.createTempDirectory("snapshot-redis-pki-");
      Path ca = dir.resolve("ca.p12");
      Path server = dir.resolve("server.p12");
      keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
          "CN=snapshot-store test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(),
          "-storetype", "PKCS12", "-storepass", PASSWORD);
      keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD,
          "-file", dir.resolve("ca.crt").toString());
      keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
          "CN=" + dnsName, "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12",
          "-storepass", PASSWORD);
      keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", PASSWORD,
          "-file", dir.resolve("server.csr").toString());
      keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD,
          "-infile", dir.resolve("server.csr").toString(), "-outfile", dir.resolve("server.crt").toString(),
          "-ext", "SAN=dns:" + dnsName, "-validity", "2");
      keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.crt").toString(),
          "-keystore", dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
      Path key = dir.resolve("server.key");
      Files.writeString(key, pem(privateKey(server)));
      return new TestCertificates(dir.resolve("ca.crt"), dir.resolve("server.crt"), key, dir.resolve("trust.p12"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Key privateKey(Path store) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD.toCharArray());
      return keys.getKey("server", PASSWORD.toCharArray());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("keytool wrote a key store the JDK cannot read", e);
    }
  }

  private static String pem(Key key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for keytool", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
