package dev.snapshotstore.cli.internal;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Option;

/** {@code --store}: the store a command works on. */
public final class StoreOption {

  @Option(names = {"-s", "--store"}, paramLabel = "URI",
      description = "The store: a store URI (redis://..., jdbc:postgresql://...), or env:NAME to read it from an"
          + " environment variable. Default: the environment variable " + Cli.STORE_VARIABLE + ".")
  @Nullable String uri;
}
