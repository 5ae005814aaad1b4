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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a real server, for fault injection: a store connects to {@link #port()};
 * {@link #cut()} resets every connection and every new one until {@link #restore()}, {@link #cutAfterBytes}
 * tears the traffic towards the server at a chosen byte, {@link #blackhole()} makes connections half-open,
 * {@link #latency} delays traffic, {@link #resetConnections()} resets once.
 */
public final class TcpProxy implements NetworkFaults, AutoCloseable {

  private static final long UNLIMITED = -1;

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final Duration failureBound;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Object registration = new Object();
  /** Bytes still allowed towards the server before the cut, or {@link #UNLIMITED}. */
  private final AtomicLong towardsServerBudget = new AtomicLong(UNLIMITED);
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
    synchronized (registration) {
      cut = true;
      resetConnections();
    }
  }

  @Override
  public boolean canCutAfterBytes() {
    return true;
  }

  /**
   * Forwards exactly {@code bytes} more bytes towards the server (over all connections together), then cuts:
   * the connection that carried the last byte is half-closed after it, so the server receives every byte
   * forwarded and then the end of the stream, and every other connection is reset as by {@link #cut()}.
   */
  @Override
  public void cutAfterBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0 but was " + bytes);
    }
    if (bytes == 0) {
      cut();
    } else {
      towardsServerBudget.set(bytes);
    }
  }

  @Override
  public void resetConnections() {
    for (Socket socket : open) {
      // a connection torn by cutAfterBytes is draining its last bytes to the server; it closes by itself
      if (!socket.isOutputShutdown()) {
        reset(socket);
        open.remove(socket);
      }
    }
  }

  @Override
  public void blackhole() {
    blackhole = true;
  }

  @Override
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
    towardsServerBudget.set(UNLIMITED);
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
    cut = true;
    open.forEach(TcpProxy::reset);
    open.clear();
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
        // A relay must not add Nagle's delay: a client that sends a request in two writes would otherwise wait for
        // the peer's delayed ACK (40 ms on Linux) on every round trip, which no direct connection does.
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        // Registered under the lock cut() takes: a connection accepted just before a cut and registered just after
        // it would otherwise survive the cut (seen as a save that succeeded during the outage test).
        synchronized (registration) {
          if (cut) {
            reset(client);
            reset(upstream);
            continue;
          }
          open.add(client);
          open.add(upstream);
        }
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        if (!closed) {
          Thread.onSpinWait();
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean towardsServer) {
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
          int forward = read;
          boolean tear = false;
          if (towardsServer) {
            int chunk = read;
            long before = towardsServerBudget.getAndUpdate(left -> left < 0 ? left : Math.max(0, left - chunk));
            if (before >= 0) {
              forward = (int) Math.min(read, before);
              tear = before <= read;
            }
          }
          if (forward > 0) {
            out.write(buffer, 0, forward);
            out.flush();
          }
          if (tear) {
            // the server gets every byte let through, then the end of the stream; the client is cut off
            to.shutdownOutput();
            cut();
            return;
          }
        }
      } catch (IOException ignored) {
        // the other side went away; reset below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        reset(from);
        if (!to.isOutputShutdown()) {
          // a torn connection was closed gracefully above, so the server got its last bytes
          reset(to);
        }
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
