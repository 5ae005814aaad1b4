package dev.snapshotstore.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One snapshot that is not as it should be, as {@code verify} and {@code copy} list them.
 *
 * @param problem what is wrong, in capitals: {@code CORRUPT}, {@code UNDECODABLE}, {@code NOT-CONFIRMED}...
 * @param type the aggregate type
 * @param id the aggregate id
 * @param version the version
 * @param reason why, in one line
 */
record Finding(String problem, String type, String id, long version, String reason) {

  ObjectNode json() {
    return Json.object().put("problem", problem).put("type", type).put("id", id).put("version", version)
        .put("reason", reason);
  }

  static Table table(Iterable<Finding> findings) {
    Table table = Table.of("PROBLEM", "TYPE", "STREAM", "VERSION", "REASON").right(3);
    for (Finding finding : findings) {
      table.row(finding.problem(), finding.type(), finding.id(), finding.version(), finding.reason());
    }
    return table;
  }
}
