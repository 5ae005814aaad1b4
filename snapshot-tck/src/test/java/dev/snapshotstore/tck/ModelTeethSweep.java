package dev.snapshotstore.tck;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * How many seeds find each model-kit defect: a tool for choosing the default seed and the tries, not a test (the
 * name keeps Surefire from running it). Run it with {@code -Dtest=ModelTeethSweep -Dsweep.seeds=N}.
 */
class ModelTeethSweep {

  @Test
  void sweep() {
    int seeds = Integer.getInteger("sweep.seeds", 20);
    Map<Defect, Integer> found = new EnumMap<>(Defect.class);
    List<Defect> defects = ModelCheckTeethTest.findable().toList();
    for (int seed = 1; seed <= seeds; seed++) {
      System.setProperty(KitRandom.SEED_PROPERTY, Integer.toString(seed * 7919));
      for (Defect defect : defects) {
        boolean hit = ModelCheckTeethTest.runModelKitAgainst(defect).stream()
            .anyMatch(f -> String.valueOf(f.cause().getMessage()).contains("store differs from the reference"));
        found.merge(defect, hit ? 1 : 0, Integer::sum);
      }
      System.setProperty(KitRandom.SEED_PROPERTY, "");
      List<Defect> none = ModelCheckTeethTest.runModelKitAgainst(Defect.NONE).isEmpty() ? List.of() : List.of(Defect.NONE);
      if (!none.isEmpty()) System.out.println("SWEEP NONE FAILED at seed " + seed);
    }
    found.forEach((d, n) -> System.out.println("SWEEP " + d + " " + n + "/" + seeds));
  }
}
