package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy's faults against a real loopback server: what arrives, and what the client sees. */
class TcpProxyTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private ServerSocket server;
  private TcpProxy proxy;
  private ExecutorService threads;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    proxy = TcpProxy.start(server.getInetAddress().getHostAddress(), server.getLocalPort(), WAIT);
    threads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    server.close();
    threads.shutdownNow();
  }

  /** Accepts one connection and returns every byte it receives until the end of its stream. */
  private Future<byte[]> receiveOne() {
    return receiveOne(new ByteArrayOutputStream());
  }

  /** The same, writing what arrives into {@code received} as it arrives (read it synchronized on it). */
  private Future<byte[]> receiveOne(ByteArrayOutputStream received) {
    return threads.submit(() -> {
      try (Socket accepted = server.accept(); InputStream in = accepted.getInputStream()) {
        byte[] buffer = new byte[1024];
        int read;
        try {
          while ((read = in.read(buffer)) >= 0) {
            synchronized (received) {
              received.write(buffer, 0, read);
            }
          }
        } catch (IOException reset) {
          // what arrived before a reset is what counts
        }
        synchronized (received) {
          return received.toByteArray();
        }
      }
    });
  }

  private static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  /** Whether the proxy ends the connection: the client's read sees the end of the stream or a reset. */
  private static CompletableFuture<Boolean> endsWithoutAnswer(Socket client) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return client.getInputStream().read() < 0;
      } catch (IOException reset) {
        return true;
      }
    });
  }

  @Test
  void passesBytesThroughUntilCut() throws Exception {
    Future<byte[]> received = receiveOne();
    try (Socket client = new Socket(proxy.host(), proxy.port())) {
      client.getOutputStream().write(bytes(100));
      client.getOutputStream().flush();
      client.shutdownOutput();
      assertThat(Await.result("the server to receive the client's 100 bytes", WAIT, received))
          .isEqualTo(bytes(100));
    }
  }

  @Test
  void cutAfterBytesForwardsExactlyThatManyThenCutsTheClientOff() throws Exception {
    assertThat(proxy.canCutAfterBytes()).isTrue();
    ByteArrayOutputStream arriving = new ByteArrayOutputStream();
    Future<byte[]> received = receiveOne(arriving);
    try (Socket client = new Socket(proxy.host(), proxy.port())) {
      OutputStream out = client.getOutputStream();
      out.write(bytes(5));
      out.flush();
      // the budget counts from here: the first bytes must have gone through before it is set
      Await.until("the first 5 bytes to reach the server", WAIT, () -> {
        synchronized (arriving) {
          return arriving.size() == 5;
        }
      });
      proxy.cutAfterBytes(10);
      out.write(bytes(25));
      out.flush();
      byte[] expected = new byte[15];
      System.arraycopy(bytes(5), 0, expected, 0, 5);
      System.arraycopy(bytes(25), 0, expected, 5, 10);
      assertThat(Await.result("the server to receive the bytes let through, then the end of the stream", WAIT,
          received)).isEqualTo(expected);
      assertThat(Await.result("the client to be cut off", WAIT, endsWithoutAnswer(client))).isTrue();
    }
  }

  @Test
  void newConnectionsAreRefusedWhileCutAndWorkAfterRestore() throws Exception {
    proxy.cut();
    try (Socket refused = new Socket(proxy.host(), proxy.port())) {
      assertThat(Await.result("the proxy to end a connection made while cut", WAIT, endsWithoutAnswer(refused)))
          .isTrue();
    }
    proxy.restore();
    Future<byte[]> received = receiveOne();
    try (Socket client = new Socket(proxy.host(), proxy.port())) {
      client.getOutputStream().write(bytes(3));
      client.shutdownOutput();
      assertThat(Await.result("the server to receive bytes after restore", WAIT, received)).isEqualTo(bytes(3));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
