package dev.snapshotstore.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.spi.CommonOptions;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * The pooled client a store opens for itself from a URI: the shared timeouts and pool size, the URI's
 * credentials and database, and TLS that verifies the server's certificate <em>and its host name</em> unless told
 * not to (Jedis checks the name only when given endpoint identification, so we always give it).
 */
public final class OwnClient {

  private OwnClient() {}

  /** TLS settings of an own client. */
  public record Tls(boolean enabled, @Nullable Path trustStore, @Nullable String trustStorePassword,
      String trustStoreType, boolean verifyHostname) {

    @Override
    public String toString() {
      return "Tls[enabled=" + enabled + ", trustStore=" + trustStore + ", verifyHostname=" + verifyHostname + "]";
    }
  }

  public static RedisClient open(RedisUri uri, CommonOptions common, int database, Tls tls) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis(common.connectTimeout()))
        .socketTimeoutMillis(millis(common.operationTimeout()))
        .database(database)
        .clientName("snapshot-store");
    if (uri.user() != null) {
      config.user(uri.user());
    }
    if (uri.password() != null) {
      config.password(uri.password());
    }
    if (tls.enabled()) {
      config.ssl(true).sslSocketFactory(sslContext(tls).getSocketFactory()).sslParameters(sslParameters(tls));
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(common.poolSize());
    pool.setMaxIdle(common.poolSize());
    pool.setBlockWhenExhausted(true);
    // waiting for a free connection is part of the operation, so it shares the operation's bound
    pool.setMaxWait(common.operationTimeout());
    return RedisClient.builder()
        .hostAndPort(uri.host(), uri.port())
        .clientConfig(config.build())
        .poolConfig(pool)
        .build();
  }

  /** JSSE checks the host name during the handshake: the certificate must name the host we dialled. */
  static SSLParameters sslParameters(Tls tls) {
    SSLParameters parameters = new SSLParameters();
    if (tls.verifyHostname()) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    return parameters;
  }

  static SSLContext sslContext(Tls tls) {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (tls.trustStore() == null) {
        trust.init((KeyStore) null);
      } else {
        KeyStore store = KeyStore.getInstance(tls.trustStoreType());
        char[] password = tls.trustStorePassword() == null ? null : tls.trustStorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
          store.load(in, password);
        }
        trust.init(store);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      // the exception's own message may quote the store's contents; name the file and the type only
      throw new SnapshotConfigurationException("cannot read the Redis TLS trust store " + tls.trustStore()
          + " (type " + tls.trustStoreType() + "): " + e.getClass().getSimpleName(), e);
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }
}
