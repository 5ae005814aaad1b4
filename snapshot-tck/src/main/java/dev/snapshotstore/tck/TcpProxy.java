package dev.snapshotstore.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a real server, for fault injection: a store connects to {@link #port()};
 * {@link #cut()} resets every connection and every new one until {@link #restore()}, {@link #blackhole()}
 * makes connections half-open, {@link #latency} delays traffic, {@link #resetConnections()} resets once.
 */
public final class TcpProxy implements Outage, AutoCloseable {

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final Duration failureBound;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private volatile boolean blackhole;
  private volatile long latencyMillis;
  private volatile boolean closed;

  private TcpProxy(String targetHost, int targetPort, Duration failureBound) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.failureBound = failureBound;
    Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a proxy to {@code targetHost:targetPort}; calls through it must fail within {@code failureBound} once cut. */
  public static TcpProxy start(String targetHost, int targetPort, Duration failureBound) {
    try {
      return new TcpProxy(targetHost, targetPort, failureBound);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start TCP proxy", e);
    }
  }

  public String host() {
    return server.getInetAddress().getHostAddress();
  }

  public int port() {
    return server.getLocalPort();
  }

  @Override
  public void cut() {
    cut = true;
    open.forEach(TcpProxy::reset);
    open.clear();
  }

  /** Cuts, then heals: every connection open at this moment is reset, new ones work. */
  public void resetConnections() {
    open.forEach(TcpProxy::reset);
    open.clear();
  }

  /**
   * A half-open connection: bytes in both directions are swallowed while every socket stays open, as when a
   * peer vanishes without a FIN. Only a client-side timeout ends a call.
   */
  public void blackhole() {
    blackhole = true;
  }

  /** Delays every forwarded chunk, to push calls over their timeout without closing anything. */
  public void latency(Duration latency) {
    latencyMillis = latency.toMillis();
  }

  /** Back to a clean pass-through (new connections only for a cut; held ones stay swallowed-then-reset). */
  @Override
  public void restore() {
    if (blackhole || latencyMillis > 0) {
      // connections that swallowed bytes are out of sync with their protocol; reset them so clients reconnect
      resetConnections();
    }
    cut = false;
    blackhole = false;
    latencyMillis = 0;
  }

  @Override
  public Duration failureBound() {
    return failureBound;
  }

  @Override
  public void close() {
    closed = true;
    cut();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (cut) {
          reset(client);
          continue;
        }
        Socket upstream = new Socket();
        try {
          upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
        } catch (IOException e) {
          reset(client);
          continue;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        if (!closed) {
          Thread.onSpinWait();
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (blackhole) {
            continue;
          }
          long delay = latencyMillis;
          if (delay > 0) {
            Thread.sleep(delay);
          }
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException ignored) {
        // the other side went away; reset below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        reset(from);
        reset(to);
        open.remove(from);
        open.remove(to);
      }
    }, "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
