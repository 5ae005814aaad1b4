package dev.snapshotstore.postgres.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One statement as JDBC runs it: the text with {@code ?} placeholders, and for each placeholder the parameter it
 * stands for. Written once with named parameters ({@code :type}) in {@link SnapshotSql}, so a name used four
 * times is bound four times without anyone counting positions, and parsed once per store, so a call does no
 * text work at all.
 *
 * @param named the statement with {@code :name} parameters, as {@link SnapshotSql} writes it
 * @param jdbc the statement with {@code ?} placeholders, the very string every call prepares (pgjdbc caches its
 *     parse per connection by this text)
 * @param parameters the parameter of each placeholder, in order
 */
public record Sql(String named, String jdbc, List<Param> parameters) {

  /** {@code :name}, but not the second colon of a {@code ::} cast. */
  private static final Pattern PARAMETER = Pattern.compile("(?<!:):([A-Za-z_][A-Za-z0-9_]*)");

  public Sql {
    parameters = List.copyOf(parameters);
  }

  public static Sql parse(String named) {
    Matcher matcher = PARAMETER.matcher(named);
    StringBuilder jdbc = new StringBuilder(named.length());
    List<Param> parameters = new ArrayList<>();
    while (matcher.find()) {
      parameters.add(Param.named(matcher.group(1)));
      matcher.appendReplacement(jdbc, "?");
    }
    matcher.appendTail(jdbc);
    return new Sql(named, jdbc.toString(), parameters);
  }

  public int count() {
    return parameters.size();
  }

  /** The parameter of placeholder {@code index} (1-based, as JDBC counts). */
  public Param parameter(int index) {
    return parameters.get(index - 1);
  }

  /** Every parameter a statement of the store can take, with the name {@link SnapshotSql} gives it. */
  public enum Param {
    TYPE("type"),
    ID("id"),
    VERSION("version"),
    PAYLOAD("payload"),
    SERIALIZER_ID("serializerId"),
    CODEC_ID("codecId"),
    SCHEMA_REVISION("schemaRevision"),
    METADATA("metadata"),
    CREATED_AT("createdAt"),
    LOCK_KEY("lockKey"),
    KEEP("keep"),
    LIMIT("limit"),
    CURSOR("cursor"),
    AFTER_ID("afterId"),
    AFTER_VERSION("afterVersion"),
    TABLE("table"),
    TYPES("types"),
    IDS("ids"),
    VERSIONS("versions"),
    PAYLOADS("payloads"),
    SERIALIZER_IDS("serializerIds"),
    CODEC_IDS("codecIds"),
    SCHEMA_REVISIONS("schemaRevisions"),
    METADATAS("metadatas"),
    CREATED_ATS("createdAts"),
    LOCK_KEYS("lockKeys");

    private final String sqlName;

    Param(String sqlName) {
      this.sqlName = sqlName;
    }

    public String sqlName() {
      return sqlName;
    }

    static Param named(String sqlName) {
      for (Param param : values()) {
        if (param.sqlName.equals(sqlName)) {
          return param;
        }
      }
      throw new IllegalStateException("no parameter :" + sqlName + " (SnapshotSql and Sql.Param disagree)");
    }
  }
}
