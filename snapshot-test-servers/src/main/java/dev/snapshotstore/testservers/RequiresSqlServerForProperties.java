package dev.snapshotstore.testservers;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** {@link RequiresSqlServer} for jqwik properties, which JUnit Jupiter's execution conditions do not reach. */
public final class RequiresSqlServerForProperties implements SkipExecutionHook {

  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    return SqlServerTestServer.reachable() ? SkipResult.doNotSkip() : SkipResult.skip(SqlServerTestServer.SKIP_REASON);
  }
}
