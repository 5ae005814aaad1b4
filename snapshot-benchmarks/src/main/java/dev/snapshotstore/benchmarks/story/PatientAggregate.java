package dev.snapshotstore.benchmarks.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import dev.snapshotstore.rehydration.AggregateDefinition;

/**
 * A hospital patient, the source documents' example: admitted once, then vitals, medication, lab results, clinical
 * notes and ward transfers. Events are a few hundred bytes of JSON each; the state stays small however long the
 * stream (counts, latest values, the last few notes), as a real patient record's projection does.
 */
public final class PatientAggregate {

  /** The aggregate type its events and snapshots are stored under. */
  public static final String TYPE = "Patient";
  /** The schema revision of {@link Patient}, which its snapshots record. */
  public static final int REVISION = 1;
  static final int KEPT_NOTES = 5;

  private static final String[] WARDS = {"Cardiology 3B", "Oncology 2A", "Respiratory 4C", "Orthopaedics 1D",
      "Neurology 5A", "General Medicine 2C", "Intensive Care", "Renal 3A"};
  private static final String[] STAFF = {"Dr. Amelia Okafor", "Dr. Tomasz Wiśniewski", "Dr. Hana Sato",
      "Nurse Lucía Fernández", "Nurse Kwame Mensah", "Nurse Ingrid Larsen", "Dr. Rahul Menon", "Nurse Chloé Martin"};
  private static final String[] DRUGS = {"paracetamol", "enoxaparin", "amoxicillin-clavulanate", "furosemide",
      "metoprolol", "morphine sulfate", "ondansetron", "pantoprazole", "insulin glargine", "ceftriaxone"};
  private static final String[] ROUTES = {"oral", "intravenous", "subcutaneous", "intramuscular"};
  private static final String[] LAB_TESTS = {"haemoglobin", "white cell count", "platelets", "sodium", "potassium",
      "creatinine", "C-reactive protein", "troponin T", "lactate", "glucose"};
  private static final String[] NOTE_PHRASES = {"Patient comfortable overnight, slept well.",
      "Reports mild pain at the incision site, analgesia given as charted.",
      "Family visited, questions about discharge planning answered.",
      "Mobilised to chair with assistance of one, tolerated well.",
      "Appetite improving, tolerating light diet and oral fluids.",
      "Reviewed on the ward round; plan unchanged, continue current medication.",
      "Wound dressing changed, no signs of infection, edges well approximated.",
      "Physiotherapy review: chest clear on auscultation, encouraged deep breathing.",
      "Fluid balance positive by 600 ml over 24 hours, diuretic dose reviewed."};
  private static final String[] DIAGNOSES = {"community-acquired pneumonia", "acute decompensated heart failure",
      "hip fracture, post-operative", "exacerbation of COPD", "sepsis of urinary origin", "ischaemic stroke"};
  private static final Instant EPOCH = Instant.parse("2026-01-05T06:00:00Z");

  private PatientAggregate() {}

  /** Every event of a patient's stream; the event type stored beside it is the record's simple name. */
  public sealed interface PatientEvent permits PatientAdmitted, VitalsRecorded, MedicationAdministered,
      LabResultReceived, ClinicalNoteAdded, WardTransferred {}

  public record PatientAdmitted(String patientId, String name, String dateOfBirth, String ward, String bed,
      String attendingPhysician, String diagnosis, List<String> allergies, String admittedAt) implements PatientEvent {}

  public record VitalsRecorded(String recordedAt, String recordedBy, int heartRate, int systolic, int diastolic,
      double temperatureCelsius, int respiratoryRate, int oxygenSaturation, int painScore, String position,
      String device, String comment) implements PatientEvent {}

  public record MedicationAdministered(String administeredAt, String administeredBy, String drug, double doseMg,
      String route, String prescriptionId, String indication, String witnessedBy, String comment)
      implements PatientEvent {}

  public record LabResultReceived(String receivedAt, String test, double value, String unit, String referenceRange,
      boolean abnormal, String specimen, String laboratory, String orderId, String validatedBy)
      implements PatientEvent {}

  public record ClinicalNoteAdded(String writtenAt, String author, String category, String text)
      implements PatientEvent {}

  public record WardTransferred(String transferredAt, String fromWard, String toWard, String bed, String reason)
      implements PatientEvent {}

  /** The state; immutable, as snapshot-rehydration asks. */
  public record Patient(String patientId, String name, String ward, String bed, String attendingPhysician,
      String diagnosis, List<String> allergies, long events, int lastHeartRate, int lastSystolic,
      int lastDiastolic, double lastTemperatureCelsius, int lastOxygenSaturation, long vitalsRecorded,
      Map<String, Double> totalDoseMgByDrug, long labResults, long abnormalLabResults, long transfers,
      List<String> recentNotes, String lastChangedAt) {

    static final Patient EMPTY = new Patient("", "", "", "", "", "", List.of(), 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0,
        0, List.of(), "");
  }

  public static final AggregateDefinition<Patient, PatientEvent> DEFINITION =
      AggregateDefinition.of(() -> Patient.EMPTY, PatientAggregate::apply);

  static Patient apply(Patient p, PatientEvent event) {
    long events = p.events() + 1;
    if (event instanceof PatientAdmitted e) {
      return new Patient(e.patientId(), e.name(), e.ward(), e.bed(), e.attendingPhysician(), e.diagnosis(),
          List.copyOf(e.allergies()), events, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, List.of(), e.admittedAt());
    }
    if (event instanceof VitalsRecorded e) {
      return new Patient(p.patientId(), p.name(), p.ward(), p.bed(), p.attendingPhysician(), p.diagnosis(),
          p.allergies(), events, e.heartRate(), e.systolic(), e.diastolic(), e.temperatureCelsius(),
          e.oxygenSaturation(), p.vitalsRecorded() + 1, p.totalDoseMgByDrug(), p.labResults(),
          p.abnormalLabResults(), p.transfers(), p.recentNotes(), e.recordedAt());
    }
    if (event instanceof MedicationAdministered e) {
      Map<String, Double> doses = new TreeMap<>(p.totalDoseMgByDrug());
      doses.merge(e.drug(), e.doseMg(), Double::sum);
      return new Patient(p.patientId(), p.name(), p.ward(), p.bed(), p.attendingPhysician(), p.diagnosis(),
          p.allergies(), events, p.lastHeartRate(), p.lastSystolic(), p.lastDiastolic(),
          p.lastTemperatureCelsius(), p.lastOxygenSaturation(), p.vitalsRecorded(), Map.copyOf(doses),
          p.labResults(), p.abnormalLabResults(), p.transfers(), p.recentNotes(), e.administeredAt());
    }
    if (event instanceof LabResultReceived e) {
      return new Patient(p.patientId(), p.name(), p.ward(), p.bed(), p.attendingPhysician(), p.diagnosis(),
          p.allergies(), events, p.lastHeartRate(), p.lastSystolic(), p.lastDiastolic(),
          p.lastTemperatureCelsius(), p.lastOxygenSaturation(), p.vitalsRecorded(), p.totalDoseMgByDrug(),
          p.labResults() + 1, p.abnormalLabResults() + (e.abnormal() ? 1 : 0), p.transfers(), p.recentNotes(),
          e.receivedAt());
    }
    if (event instanceof ClinicalNoteAdded e) {
      List<String> notes = new ArrayList<>(p.recentNotes());
      notes.add(e.text());
      if (notes.size() > KEPT_NOTES) {
        notes.remove(0);
      }
      return new Patient(p.patientId(), p.name(), p.ward(), p.bed(), p.attendingPhysician(), p.diagnosis(),
          p.allergies(), events, p.lastHeartRate(), p.lastSystolic(), p.lastDiastolic(),
          p.lastTemperatureCelsius(), p.lastOxygenSaturation(), p.vitalsRecorded(), p.totalDoseMgByDrug(),
          p.labResults(), p.abnormalLabResults(), p.transfers(), List.copyOf(notes), e.writtenAt());
    }
    WardTransferred e = (WardTransferred) event;
    return new Patient(p.patientId(), p.name(), e.toWard(), e.bed(), p.attendingPhysician(), p.diagnosis(),
        p.allergies(), events, p.lastHeartRate(), p.lastSystolic(), p.lastDiastolic(), p.lastTemperatureCelsius(),
        p.lastOxygenSaturation(), p.vitalsRecorded(), p.totalDoseMgByDrug(), p.labResults(), p.abnormalLabResults(),
        p.transfers() + 1, p.recentNotes(), e.transferredAt());
  }

  /** The id of the patient with this index. */
  public static String patientId(int index) {
    return String.format(java.util.Locale.ROOT, "patient-%05d", index);
  }

  /**
   * Events {@code fromVersion} to {@code toVersion} (inclusive, from 1) of one patient's stream, the same for the same
   * seed and index: each event from its own random stream, so any range can be generated without the ones before.
   */
  public static List<PatientEvent> history(long seed, int index, long fromVersion, long toVersion) {
    List<PatientEvent> events = new ArrayList<>();
    for (long version = fromVersion; version <= toVersion; version++) {
      events.add(event(seed, index, version));
    }
    return events;
  }

  static PatientEvent event(long seed, int index, long version) {
    SplittableRandom random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L) ^ (version * 0xC2B2AE3D27D4EB4FL));
    String at = EPOCH.plusSeconds(version * 420 + random.nextInt(300)).toString();
    String staff = pick(random, STAFF);
    if (version == 1) {
      return new PatientAdmitted(patientId(index), "Patient " + index + " " + pick(random, new String[] {"Moreau",
          "Nakamura", "O'Brien", "Kowalski", "Haddad", "Johansson", "da Silva", "Novák"}),
          (1930 + random.nextInt(80)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10),
          pick(random, WARDS), "bed " + (1 + random.nextInt(30)), staff, pick(random, DIAGNOSES),
          random.nextBoolean() ? List.of("penicillin", "latex") : List.of("none known"), at);
    }
    int kind = random.nextInt(100);
    if (kind < 40) {
      return new VitalsRecorded(at, staff, 55 + random.nextInt(60), 95 + random.nextInt(70), 55 + random.nextInt(40),
          36.0 + random.nextInt(30) / 10.0, 12 + random.nextInt(14), 88 + random.nextInt(13), random.nextInt(8),
          random.nextBoolean() ? "sitting upright in chair" : "lying supine, head of bed at 30 degrees",
          "bedside monitor BM-" + (100 + random.nextInt(900)) + ", non-invasive cuff, pulse oximeter on finger",
          random.nextInt(4) == 0 ? "repeated after 15 minutes, patient resting" : "routine observation round");
    }
    if (kind < 65) {
      return new MedicationAdministered(at, staff, pick(random, DRUGS), 5 + random.nextInt(200) * 2.5,
          pick(random, ROUTES), "RX-" + (100_000 + random.nextInt(900_000)),
          pick(random, new String[] {"post-operative pain", "thromboprophylaxis", "infection, per culture results",
              "fluid overload", "nausea", "blood glucose control"}), pick(random, STAFF),
          random.nextInt(3) == 0 ? "given with food; patient informed of possible side effects" : "as prescribed");
    }
    if (kind < 80) {
      double value = random.nextInt(20_000) / 100.0;
      return new LabResultReceived(at, pick(random, LAB_TESTS), value, "mmol/L", "3.50-145.00",
          value < 3.5 || value > 145, random.nextBoolean() ? "venous blood, lithium heparin tube" : "arterial blood gas",
          "Central Pathology Laboratory, Building 7", "LAB-" + (1_000_000 + random.nextInt(9_000_000)),
          "Biomedical scientist " + pick(random, STAFF).replace("Dr. ", "").replace("Nurse ", ""));
    }
    if (kind < 95) {
      return new ClinicalNoteAdded(at, staff, random.nextBoolean() ? "nursing" : "medical",
          pick(random, NOTE_PHRASES) + " " + pick(random, NOTE_PHRASES) + " Observations within expected range.");
    }
    return new WardTransferred(at, pick(random, WARDS), pick(random, WARDS), "bed " + (1 + random.nextInt(30)),
        random.nextBoolean() ? "step-down from higher acuity care" : "bed management, specialty review requested");
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
