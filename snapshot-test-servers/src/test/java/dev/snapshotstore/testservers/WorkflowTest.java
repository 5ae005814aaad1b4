package dev.snapshotstore.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The GitHub workflow cannot run on this project's machines (no Docker), so its shape is checked here: the jobs,
 * the images, the variables the backend tests read, and the step that fails the SQL Server job on a skipped test.
 * A linter checks its syntax (README, Testing); this checks that it says what we mean.
 */
class WorkflowTest {

  private static final String README_COMMAND = "./mvnw -B -ntp verify";
  /** Tests assert that a password never shows in toString(); one that is also a table name would always show. */
  private static final String NOT_A_NAME = "a password that no table, schema or module name contains";

  private static Path root;
  private static Map<String, Object> jobs;

  @BeforeAll
  static void readWorkflow() throws IOException {
    root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    Path workflow = root.resolve(".github/workflows/ci.yml");
    assertThat(workflow).as("the workflow, read from the module's parent directory").isRegularFile();
    Map<String, Object> parsed = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(workflow, StandardCharsets.UTF_8));
    assertThat(parsed).containsEntry("permissions", Map.of("contents", "read"));
    jobs = map(parsed, "jobs");
  }

  @Test
  @DisplayName("it has the three jobs, each with a time limit")
  void threeJobsEachBounded() {
    assertThat(jobs).containsOnlyKeys("build", "sqlserver", "redis-postgres");
    for (String job : jobs.keySet()) {
      assertThat(map(jobs, job).get("timeout-minutes")).as(job + " timeout-minutes")
          .isInstanceOfSatisfying(Integer.class, minutes -> assertThat(minutes).isBetween(1, 30));
    }
  }

  @Test
  @DisplayName("the command README.md and .ci/run give is the one the workflow runs")
  void readmeCommandEverywhere() throws IOException {
    assertThat(Files.readString(root.resolve("README.md"))).contains("```sh\n" + README_COMMAND + "\n```");
    assertThat(Files.readString(root.resolve(".ci/run"))).contains("test_command=(" + README_COMMAND + ")");
    assertThat(runSteps(map(jobs, "build"))).containsExactly(README_COMMAND);
  }

  @Nested
  @DisplayName("build")
  class Build {

    @Test
    @DisplayName("runs on JDK 17, 21 and 25, Temurin, with the Maven cache")
    void jdkMatrix() {
      Map<String, Object> build = map(jobs, "build");
      assertThat(map(map(build, "strategy"), "matrix")).containsEntry("java", List.of("17", "21", "25"));
      assertThat(setupJava(build)).containsEntry("distribution", "temurin")
          .containsEntry("java-version", "${{ matrix.java }}").containsEntry("cache", "maven");
      assertThat(uses(build)).contains("actions/checkout@v4");
    }
  }

  @Nested
  @DisplayName("sqlserver")
  class SqlServer {

    private final Map<String, Object> job = map(jobs, "sqlserver");
    private final Map<String, Object> service = map(map(job, "services"), "sqlserver");

    @Test
    @DisplayName("starts SQL Server 2022 with the licence accepted, a health check and port 1433")
    void service() {
      assertThat(service).containsEntry("image", "mcr.microsoft.com/mssql/server:2022-latest")
          .containsEntry("ports", List.of("1433:1433"));
      assertThat(map(service, "env")).containsEntry("ACCEPT_EULA", "Y").containsKey("MSSQL_SA_PASSWORD");
      assertThat((String) service.get("options")).contains("--health-cmd", "sqlcmd", "SELECT 1");
    }

    @Test
    @DisplayName("points the tests at it through SNAPSHOT_TEST_SQLSERVER_URL, in the form the tests read")
    void url() throws IOException {
      String password = (String) map(service, "env").get("MSSQL_SA_PASSWORD");
      assertThat(password).as(NOT_A_NAME).doesNotContainIgnoringCase("snapshot");
      assertThat(map(job, "env")).containsEntry("SNAPSHOT_TEST_SQLSERVER_URL",
          "jdbc:sqlserver://localhost:1433;user=sa;password=" + password + ";encrypt=false");
      assertThat(sourcesNaming("SNAPSHOT_TEST_SQLSERVER_URL")).as("sources that read it").isNotEmpty();
      assertThat((String) service.get("options")).contains("-P " + password);
    }

    @Test
    @DisplayName("runs the SQL Server module's tests, then fails if any of them was skipped")
    void failsOnSkip() {
      assertThat(runSteps(job)).containsExactly("./mvnw -B -ntp -pl snapshot-sqlserver -am verify",
          ".ci/check-sqlserver-ran");
      assertThat(root.resolve(".ci/check-sqlserver-ran")).isExecutable();
      assertThat(setupJava(job)).containsEntry("distribution", "temurin").containsEntry("cache", "maven");
    }
  }

  @Nested
  @DisplayName("redis-postgres")
  class RedisPostgres {

    private final Map<String, Object> job = map(jobs, "redis-postgres");
    private final Map<String, Object> services = map(job, "services");

    @Test
    @DisplayName("starts Redis 7.4 or 8 and PostgreSQL 16 or 17, with health checks")
    void currentVersions() {
      assertThat((String) map(services, "redis").get("image")).matches("redis:(7\\.4|8)(\\.\\d+)*");
      assertThat((String) map(services, "postgres").get("image")).matches("postgres:(16|17)(\\.\\d+)*");
      assertThat(map(services, "redis")).containsEntry("ports", List.of("6379:6379"));
      assertThat(map(services, "postgres")).containsEntry("ports", List.of("5432:5432"));
      assertThat((String) map(services, "redis").get("options")).contains("--health-cmd \"redis-cli ping\"");
      assertThat((String) map(services, "postgres").get("options")).contains("--health-cmd \"pg_isready");
    }

    @Test
    @DisplayName("points the tests at them through the URL variables, in the forms the tests read")
    void urls() throws IOException {
      Map<String, Object> postgres = map(map(services, "postgres"), "env");
      assertThat((String) postgres.get("POSTGRES_PASSWORD")).as(NOT_A_NAME).doesNotContainIgnoringCase("snapshot");
      assertThat(map(job, "env")).containsEntry("SNAPSHOT_TEST_REDIS_URL", "redis://localhost:6379")
          .containsEntry("SNAPSHOT_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/" + postgres.get("POSTGRES_DB")
              + "?user=" + postgres.get("POSTGRES_USER") + "&password=" + postgres.get("POSTGRES_PASSWORD"));
      assertThat(sourcesNaming("SNAPSHOT_TEST_REDIS_URL")).as("sources that read it").isNotEmpty();
      assertThat(sourcesNaming("SNAPSHOT_TEST_POSTGRES_URL")).as("sources that read it").isNotEmpty();
    }

    @Test
    @DisplayName("runs the Redis and PostgreSQL modules' tests")
    void runsBoth() {
      assertThat(runSteps(job)).containsExactly("./mvnw -B -ntp -pl snapshot-redis,snapshot-postgres -am verify");
    }
  }

  @Nested
  @DisplayName(".ci/check-sqlserver-ran")
  class SkipCheck {

    @TempDir
    Path reports;

    @Test
    @DisplayName("passes when every SQL Server test ran")
    void passesWhenAllRan() throws Exception {
      writeReports(false);
      assertThat(runCheck()).isZero();
    }

    @Test
    @DisplayName("fails when one kit test was skipped")
    void failsOnOneSkip() throws Exception {
      writeReports(true);
      assertThat(runCheck()).isEqualTo(1);
    }

    @Test
    @DisplayName("fails when the kit did not run at all")
    void failsWithoutReports() throws Exception {
      assertThat(runCheck()).isEqualTo(1);
    }

    private void writeReports(boolean skipOneKitTest) throws IOException {
      report("SqlServerSnapshotStoreCompatibilityTest", 47, skipOneKitTest ? 1 : 0);
      report("SqlServerAutoCommitOffCompatibilityTest", 47, 0);
      report("SqlServerSnapshotStoreFaultTest", 3, 0);
      report("SqlServerSpringTransactionTest", 3, 0);
      report("SqlServerSnapshotStoreModelTest", 3, 0);
      report("SqlServerSnapshotStoreServerTest", 5, 0);
      report("SqlServerTypedViewTest", 4, 0);
      // Skipped by design whenever a server is there; the check must not count it.
      report("SkippedWithoutServerTest", 1, 1);
    }

    private void report(String testClass, int tests, int skipped) throws IOException {
      StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\""
          + testClass + "\" tests=\"" + tests + "\" skipped=\"" + skipped + "\">\n");
      for (int i = 0; i < tests; i++) {
        xml.append("  <testcase name=\"t").append(i).append("\" classname=\"").append(testClass).append('"');
        xml.append(i < skipped ? ">\n    <skipped message=\"no server\"/>\n  </testcase>\n" : "/>\n");
      }
      xml.append("</testsuite>\n");
      Files.writeString(reports.resolve("TEST-dev.snapshotstore.sqlserver." + testClass + ".xml"), xml);
    }

    private int runCheck() throws Exception {
      Path output = reports.resolve("check-output.txt");
      Process process = new ProcessBuilder("bash", root.resolve(".ci/check-sqlserver-ran").toString(),
          reports.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      boolean ended = process.waitFor(30, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      assertThat(ended).as("the check ended within 30 s; it printed:%n%s", Files.readString(output)).isTrue();
      return process.exitValue();
    }
  }

  /**
   * Sources of every module (main and test: the test servers live in a module's main code) that name the variable
   * as a string literal: the tests read that name.
   */
  private static List<Path> sourcesNaming(String variable) throws IOException {
    List<Path> naming = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path sources : modules.flatMap(module -> Stream.of(module.resolve("src/main/java"),
          module.resolve("src/test/java"))).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(sources)) {
          files.filter(file -> file.toString().endsWith(".java"))
              .filter(file -> read(file).contains('"' + variable + '"'))
              .forEach(naming::add);
        }
      }
    }
    return naming;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static List<String> runSteps(Map<String, Object> job) {
    return steps(job).stream().filter(step -> step.containsKey("run")).map(step -> (String) step.get("run")).toList();
  }

  private static List<String> uses(Map<String, Object> job) {
    return steps(job).stream().filter(step -> step.containsKey("uses")).map(step -> (String) step.get("uses"))
        .toList();
  }

  private static Map<String, Object> setupJava(Map<String, Object> job) {
    Map<String, Object> step = steps(job).stream().filter(s -> "actions/setup-java@v4".equals(s.get("uses")))
        .findFirst().orElseThrow(() -> new AssertionError("no actions/setup-java@v4 step in " + job.get("name")));
    return map(step, "with");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Map<String, Object> job) {
    assertThat(job.get("steps")).as("steps of " + job.get("name")).isInstanceOf(List.class);
    return (List<Map<String, Object>>) job.get("steps");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<?, ?> parent, String key) {
    assertThat(parent.get(key)).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) parent.get(key);
  }
}
