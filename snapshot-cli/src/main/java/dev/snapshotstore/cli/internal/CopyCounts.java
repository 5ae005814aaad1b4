package dev.snapshotstore.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a copy has done so far, over all its runs. */
final class CopyCounts {

  long streams;
  long snapshots;
  long payloadBytes;
  long confirmed;
  long droppedByRetention;
  long notConfirmed;
  long skippedCorrupt;

  void add(CopyCounts page) {
    streams += page.streams;
    snapshots += page.snapshots;
    payloadBytes += page.payloadBytes;
    confirmed += page.confirmed;
    droppedByRetention += page.droppedByRetention;
    notConfirmed += page.notConfirmed;
    skippedCorrupt += page.skippedCorrupt;
  }

  ObjectNode json() {
    return Json.object().put("streams", streams).put("snapshots", snapshots).put("payloadBytes", payloadBytes)
        .put("confirmed", confirmed).put("droppedByRetention", droppedByRetention).put("notConfirmed", notConfirmed)
        .put("skippedCorrupt", skippedCorrupt);
  }

  static CopyCounts fromJson(JsonNode node) {
    CopyCounts counts = new CopyCounts();
    counts.streams = node.required("streams").asLong();
    counts.snapshots = node.required("snapshots").asLong();
    counts.payloadBytes = node.required("payloadBytes").asLong();
    counts.confirmed = node.required("confirmed").asLong();
    counts.droppedByRetention = node.required("droppedByRetention").asLong();
    counts.notConfirmed = node.required("notConfirmed").asLong();
    counts.skippedCorrupt = node.required("skippedCorrupt").asLong();
    return counts;
  }
}
