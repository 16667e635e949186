import CGSL
import Foundation
import SegsimBehaviour

/// Per-patient healthcare features, updated in O(1) per event and deduplicated by event id.
///
/// State is struct-of-arrays over dense patient ids, ``stateBytesPerCustomer`` bytes a patient
/// (including the Charlson index given at init) plus ``EventDeduplicator/bytesPerCustomer`` for
/// deduplication.
///
/// **Exactness.** The latest ``emergencyTimesKept`` ED visit times are kept, so ED counts in
/// windows are exact up to that many, and LACE's E (capped at 4) is exact even when the ED visit
/// that led to the admission, at the same instant, is among them. Encounter counts in 30/90/365
/// days are exponentially decayed sums (exact as such, not sliding-window counts).
///
/// **Order.** Totals, decayed counts, the kept ED times (the largest ones), the latest admission
/// and discharge (maxima of time) do not depend on the order events are applied in (decayed sums
/// up to rounding). The LACE score needs each patient's events in order: E is counted when the
/// admission arrives and the stay is matched to the latest admission when the discharge arrives.
/// A log partitioned by patient provides that order; duplicates change nothing.
public struct HealthcareFeatureStore: Sendable {
    /// ED visit times kept per patient: one more than LACE's cap of 4, for the visit that leads
    /// to an emergent admission at the admission's instant.
    public static let emergencyTimesKept = 5
    /// Mean lifetimes of the decayed encounter counts, in seconds (30, 90 and 365 days).
    public static let encounterLifetimes: [Double] = [30 * 86_400, 90 * 86_400, 365 * 86_400]

    /// Per-patient state bytes, excluding deduplication: the element sizes of the arrays below.
    public static let stateBytesPerCustomer =
        MemoryLayout<Double>.size * emergencyTimesKept  // emergencyTimes
        + MemoryLayout<SIMD4<Double>>.size  // encounters (3 sums + reference time)
        + MemoryLayout<Double>.size * 2  // lastAdmission, lastDischarge
        + MemoryLayout<UInt32>.size * 2  // encounterCount, emergencyCount
        + MemoryLayout<UInt16>.size  // lengthOfStay
        + MemoryLayout<UInt8>.size * 4  // charlson, admissionE, dischargeE, flags

    /// Dedup bytes per patient: ``EventDeduplicator/bytesPerCustomer``, or 0 when deduplication
    /// is off (no windows are kept then).
    public var dedupBytesPerCustomer: Int { deduplicator.isEnabled ? EventDeduplicator.bytesPerCustomer : 0 }

    /// The id-window deduplicator; its counters report duplicates and stale events.
    public private(set) var deduplicator: EventDeduplicator

    private let charlson: [UInt8]
    private var emergencyTimes: [Double]  // `emergencyTimesKept` per patient, the largest seen, −∞ if none
    /// Lanes 0–2: Σ exp(−(ref − t)/τₖ) over encounters for the three lifetimes; lane 3: ref, the
    /// latest encounter time (−∞ before any). Sums stay ≤ the count, so nothing overflows.
    private var encounters: [SIMD4<Double>]
    private var lastAdmission: [Double]  // −∞ before the first
    private var lastDischarge: [Double]
    private var encounterCount: [UInt32]
    private var emergencyCount: [UInt32]
    private var lengthOfStay: [UInt16]  // whole days, of the stay ended at `lastDischarge`
    private var admissionE: [UInt8]  // ED visits in the 182.5 days before `lastAdmission`
    private var dischargeE: [UInt8]  // … before the admission of the stay ended at `lastDischarge`
    private var flags: [UInt8]

    private enum Flag {
        static let admissionEmergent: UInt8 = 1
        static let dischargedStayEmergent: UInt8 = 2
        static let deceased: UInt8 = 4
    }

    /// Creates empty features, one patient per entry of `charlsonIndex`.
    /// - Parameters:
    ///   - charlsonIndex: each patient's Charlson comorbidity index, from the patient's record
    ///     (the event stream does not carry it); clamped to 0 ... 255.
    ///   - stalePolicy: what to do with events older than the dedup window.
    ///   - idempotent: deduplicate by event id (default); `false` applies every delivery, so that
    ///     the effect of duplicates on features can be measured (`pipeline.idempotent: false`).
    /// - Complexity: O(patients).
    public init(charlsonIndex: [Int], stalePolicy: EventDeduplicator.StalePolicy = .drop, idempotent: Bool = true) {
        let n = charlsonIndex.count
        charlson = charlsonIndex.map { UInt8(clamping: $0) }
        deduplicator = EventDeduplicator(customers: n, stalePolicy: stalePolicy, enabled: idempotent)
        emergencyTimes = Array(repeating: -.infinity, count: n * Self.emergencyTimesKept)
        encounters = Array(repeating: SIMD4(0, 0, 0, -.infinity), count: n)
        lastAdmission = Array(repeating: -.infinity, count: n)
        lastDischarge = lastAdmission
        encounterCount = Array(repeating: 0, count: n)
        emergencyCount = encounterCount
        lengthOfStay = Array(repeating: 0, count: n)
        admissionE = Array(repeating: 0, count: n)
        dischargeE = admissionE
        flags = admissionE
    }

    /// Applies one event to its patient's features.
    /// - Returns: `false` if the event was not applied: a duplicate, or stale under
    ///   ``EventDeduplicator/StalePolicy/drop``. Retail events are recorded but change nothing.
    /// - Precondition: `event.customer` is below the store's patient count.
    /// - Complexity: O(1).
    @discardableResult
    public mutating func apply(_ event: CustomerEvent) -> Bool {
        let c = Int(event.customer)
        guard deduplicator.admit(event.id, customer: c) else { return false }
        let t = event.time
        switch event.kind {
        case .outpatientVisit:
            encounter(c, at: t)
        case .emergencyVisit:
            encounter(c, at: t)
            emergencyCount[c] &+= 1
            keepEmergency(c, at: t)
        case .admission:
            encounter(c, at: t)
            let emergent = event.attribute != 0
            // The later admission wins; at equal times the emergent one, so the order of ties is moot.
            if t > lastAdmission[c] || (t == lastAdmission[c] && emergent) {
                lastAdmission[c] = t
                flags[c] = emergent ? flags[c] | Flag.admissionEmergent : flags[c] & ~Flag.admissionEmergent
                admissionE[c] = UInt8(emergencyVisits(c, from: t - LACEScore.emergencyLookbackSeconds, before: t))
            }
        case .discharge:
            if t > lastDischarge[c] || (t == lastDischarge[c] && event.attribute > lengthOfStay[c]) {
                lastDischarge[c] = t
                lengthOfStay[c] = event.attribute
                dischargeE[c] = admissionE[c]
                let emergent = flags[c] & Flag.admissionEmergent != 0
                flags[c] = emergent ? flags[c] | Flag.dischargedStayEmergent : flags[c] & ~Flag.dischargedStayEmergent
            }
        case .death:
            flags[c] |= Flag.deceased
        case .sessionStart, .pageView, .productView, .addToCart, .removeFromCart, .checkout, .purchase, .sessionEnd:
            break
        }
        return true
    }

    /// The features of `patient` as seen at `time` (seconds, normally at or after the patient's
    /// latest event: ED visits after `time` are not counted, and may have displaced earlier ones).
    /// - Complexity: O(1).
    public func features(of patient: Int, at time: Double) -> HealthcareFeatures {
        let c = patient
        let discharged = lastDischarge[c].isFinite
        let state = flags[c]
        let sums = encounters[c]
        let decayed = sums[3].isFinite ? sums * Self.decay(over: time - sums[3]) : SIMD4(repeating: 0)
        let day = 86_400.0
        return HealthcareFeatures(
            charlsonIndex: Int(charlson[c]),
            lengthOfStayDays: discharged ? Int(lengthOfStay[c]) : nil,
            lastAdmissionEmergent: lastAdmission[c].isFinite ? state & Flag.admissionEmergent != 0 : nil,
            lace: discharged
                ? LACEScore(
                    lengthOfStayDays: Int(lengthOfStay[c]), emergent: state & Flag.dischargedStayEmergent != 0,
                    charlsonIndex: Int(charlson[c]), emergencyVisits: Int(dischargeE[c]))
                : nil,
            daysSinceDischarge: discharged ? (time - lastDischarge[c]) / day : nil,
            isInHospital: lastAdmission[c] > lastDischarge[c] && state & Flag.deceased == 0,
            isDeceased: state & Flag.deceased != 0,
            emergencyVisits30Days: emergencyVisitsWindow(c, days: 30, at: time),
            emergencyVisits90Days: emergencyVisitsWindow(c, days: 90, at: time),
            emergencyVisits182Days: emergencyVisitsWindow(c, days: 182.5, at: time),
            encounters30Days: decayed[0],
            encounters90Days: decayed[1],
            encounters365Days: decayed[2],
            totalEncounters: Int(encounterCount[c]),
            totalEmergencyVisits: Int(emergencyCount[c]))
    }

    /// The features of `patient` at `time` as numbers, named by ``HealthcareFeatures/featureNames``.
    /// - Complexity: O(1).
    public func featureVector(of patient: Int, at time: Double) -> [Double] {
        features(of: patient, at: time).vector
    }

    // MARK: - Updates

    /// Counts one encounter and adds it to the decayed sums, moving their reference time forward
    /// when `t` is the latest encounter so far.
    private mutating func encounter(_ c: Int, at t: Double) {
        encounterCount[c] &+= 1
        var sums = encounters[c]
        let reference = sums[3]
        if t > reference {
            // exp(−∞) = 0 for the first encounter, when the sums are still 0.
            sums = sums * Self.decay(over: t - reference) + SIMD4(1, 1, 1, 0)
            sums[3] = t
        } else {
            sums += Self.decay(over: reference - t)
        }
        encounters[c] = sums
    }

    /// Keeps `t` if it is among the patient's latest ``emergencyTimesKept`` ED visit times.
    private mutating func keepEmergency(_ c: Int, at t: Double) {
        let base = c * Self.emergencyTimesKept
        var oldest = base
        for slot in base..<(base + Self.emergencyTimesKept) where emergencyTimes[slot] < emergencyTimes[oldest] {
            oldest = slot
        }
        if t > emergencyTimes[oldest] { emergencyTimes[oldest] = t }
    }

    /// exp(−age/τₖ) for the three lifetimes in lanes 0–2, and 0 in lane 3 (the reference time,
    /// which callers set themselves).
    private static func decay(over age: Double) -> SIMD4<Double> {
        SIMD4(segsim_exp(-age / encounterLifetimes[0]), segsim_exp(-age / encounterLifetimes[1]),
              segsim_exp(-age / encounterLifetimes[2]), 0)
    }

    // MARK: - Reads

    /// Kept ED visits with `start ≤ time < end`.
    private func emergencyVisits(_ c: Int, from start: Double, before end: Double) -> Int {
        let base = c * Self.emergencyTimesKept
        var count = 0
        for slot in base..<(base + Self.emergencyTimesKept) where emergencyTimes[slot] >= start && emergencyTimes[slot] < end {
            count += 1
        }
        return count
    }

    /// Kept ED visits in the `days` up to and including `time`.
    private func emergencyVisitsWindow(_ c: Int, days: Double, at time: Double) -> Int {
        emergencyVisits(c, from: time - days * 86_400, before: time.nextUp)
    }
}
