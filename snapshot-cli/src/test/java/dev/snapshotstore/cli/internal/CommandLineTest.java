package dev.snapshotstore.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;

/** What every command shares: where the store comes from, exit codes, and passwords never printed. */
class CommandLineTest {

  @Test
  @DisplayName("without a command: the usage on standard error and exit code 2")
  void noCommand() {
    CliRun.Result result = CliRun.tool().run();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).startsWith("Usage: snapshot-cli");
  }

  @Test
  @DisplayName("--help lists the commands and the exit codes; --version names the tool")
  void help() {
    CliRun.Result help = CliRun.tool().run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("types", "streams", "stats", "history", "show", "verify", "delete",
        "delete-stream", "purge", "prune", "copy")
        .contains("Exit codes:", "  3   the store is unavailable", "  4   not found");
    assertThat(CliRun.tool().run("--version").out()).startsWith("snapshot-cli ");
    assertThat(CliRun.tool().run("help", "copy").out()).startsWith("Usage: snapshot-cli copy");
  }

  @Test
  @DisplayName("--store comes from the option, from env:NAME, or from SNAPSHOT_STORE_URI")
  void storeSources() {
    String name = "sources-" + UUID.randomUUID();
    TestStores.memory(name).save(Snapshot.builder("Order", "o-1", 1, new byte[] {1}).build());
    String uri = "testmem:" + name;
    assertThat(CliRun.tool().run("types", "--store", uri).out()).contains("Order");
    assertThat(CliRun.tool().env("MY_STORE", uri).run("types", "--store", "env:MY_STORE").out()).contains("Order");
    assertThat(CliRun.tool().env(Cli.STORE_VARIABLE, uri).run("types").out()).contains("Order");

    CliRun.Result none = CliRun.tool().run("types");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).isEqualTo("snapshot-cli types: no store given: pass --store=URI (or env:NAME), or set "
        + "SNAPSHOT_STORE_URI\n");
    CliRun.Result unset = CliRun.tool().run("types", "--store", "env:NOT_SET_ANYWHERE");
    assertThat(unset.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unset.err()).isEqualTo("snapshot-cli types: the environment variable NOT_SET_ANYWHERE named by --store"
        + " is not set\n");
  }

  @Test
  @DisplayName("ids that look like options or argument files are taken as they are")
  void oddIds() {
    String name = "odd-" + UUID.randomUUID();
    TestStores.memory(name).save(Snapshot.builder("Order", "-17", 1, new byte[] {1}).build());
    TestStores.memory(name).save(Snapshot.builder("Order", "@list", 2, new byte[] {2}).build());
    CliRun.Result dash = CliRun.tool().run("history", "--store", "testmem:" + name, "Order", "--", "-17");
    assertThat(dash.exitCode()).as(dash.toString()).isZero();
    assertThat(dash.out()).contains("      1  ");
    CliRun.Result at = CliRun.tool().run("show", "--store", "testmem:" + name, "Order", "@list");
    assertThat(at.exitCode()).as(at.toString()).isZero();
    assertThat(at.out()).contains("snapshot  Order/@list@2");
  }

  @Test
  @DisplayName("bad URIs and bad options are one line and exit code 2, an unreachable store exit code 3")
  void badStores() {
    CliRun.Result scheme = CliRun.tool().run("types", "--store", "nosuch://host");
    assertThat(scheme.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(scheme.err().lines()).singleElement().asString()
        .startsWith("snapshot-cli types: no snapshot store provider opens URIs with the scheme 'nosuch'");
    CliRun.Result option = CliRun.tool().run("types", "--store", "testmem:x?retension=3");
    assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(option.err()).isEqualTo("snapshot-cli types: unknown option(s) [retension] in testmem store URI; known:"
        + " [maxPayloadBytes, password, retention]\n");
    CliRun.Result down = CliRun.tool().run("stats", "Order", "--store", "testdown:x");
    assertThat(down.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(down.err()).isEqualTo("snapshot-cli stats: TestDown unavailable: connection refused\n");
    CliRun.Result unknown = CliRun.tool().run("tpyes");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("Unmatched argument at index 0: 'tpyes'").contains("types");
    CliRun.Result number = CliRun.tool().run("delete", "T", "i", "seven", "--store", "testdown:x");
    assertThat(number.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(number.err()).contains("Invalid value for positional parameter at index 2 (VERSION): 'seven'");
  }

  @Test
  @DisplayName("a password given in a URI, directly or through the environment, is never printed")
  void passwordsNeverPrinted() {
    String secret = "s3cr3t-" + UUID.randomUUID();
    String redis = "redis://app:" + secret + "@127.0.0.1:1";
    CliRun.Result echoed = CliRun.tool().run("types", "--store", redis, "unexpected-" + secret);
    assertThat(echoed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(echoed.err()).contains("Unmatched argument").doesNotContain(secret);

    CliRun.Result scheme = CliRun.tool().run("copy", "nosuch://app:" + secret + "@h", redis, "--verbose");
    assertThat(scheme.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(scheme.err()).contains("at dev.snapshotstore").doesNotContain(secret);

    CliRun.Result help = CliRun.tool().env(Cli.STORE_VARIABLE, "jdbc:postgresql://h/db?user=u&password=" + secret)
        .run("types", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--store").doesNotContain(secret);

    String name = "password-" + UUID.randomUUID();
    TestStores.memory(name).save(Snapshot.builder("Order", "o-1", 1, new byte[] {1}).build());
    CliRun.Result copy = CliRun.tool().env("FROM", "testmem:" + name + "?password=" + secret)
        .run("copy", "env:FROM", "testmem:" + name + "-copy?password=" + secret, "--progress", "log");
    assertThat(copy.exitCode()).as(copy.toString()).isZero();
    assertThat(copy.out()).contains("from testmem:" + name + "?password=*** to testmem:" + name
        + "-copy?password=***");
    assertThat(copy.out() + copy.err()).doesNotContain(secret);
  }
}
