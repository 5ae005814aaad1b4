package dev.snapshotstore.testservers.internal;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers, asked once per JVM; no engine (or no Testcontainers) means no. */
public final class Docker {

  private static @Nullable Boolean available;

  private Docker() {}

  public static synchronized boolean available() {
    if (available == null) {
      boolean answers;
      try {
        answers = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        answers = false;
      }
      available = answers;
    }
    return available;
  }
}
