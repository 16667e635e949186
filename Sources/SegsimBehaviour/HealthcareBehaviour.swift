#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SegsimKernel
import SegsimRandom

/// Patients who visit clinics and emergency departments, are admitted, discharged, readmitted and
/// die, as a ``BehaviourModel`` for ``EventStream``.
///
/// **Population.** Each patient has an age, a sex, chronic conditions (``ChronicConditions``, drawn
/// by age) whose Charlson weights give the Charlson index, and a gamma frailty (mean 1). Together
/// they fix four rates — outpatient visits, ED visits, elective admissions, death — as described on
/// ``HealthcareParameters``. Traits are drawn once from the stream `"healthcare.population"`, which
/// also fills each patient's ED visits of the six months before ``start`` (so the LACE E component is
/// right from the first discharge).
///
/// **Dynamics.** Out of hospital the four event types compete: the next step comes after an
/// exponential time at the total rate and its type is chosen by rate share (memoryless, so no
/// per-type time is stored); a time-varying ED rate (``HealthcareParameters/emergencyRateShape``)
/// is handled by thinning against its maximum. An ED visit leads to an emergent admission with a
/// probability rising with age and Charlson index. A stay lasts a lognormal time and ends in a
/// discharge or, with an age- and Charlson-dependent probability, in death. At each discharge the
/// LACE score is computed from the true state and, with probability p(LACE), an emergent
/// readmission is scheduled within 30 days (it arrives through the ED: an ED visit and an admission
/// at the same instant). Any admission before it cancels it. Costs come from their own stream
/// (`"healthcare.costs"`), so changing a cost never changes when anything happens; all other
/// draws come from `"healthcare.events"`.
///
/// **Events.** `outpatientVisit` and `emergencyVisit` carry their cost in `amount`; `admission`
/// has `attribute` 1 when emergent, 0 when elective; `discharge` carries the stay's cost and its
/// whole days in `attribute` (the exact stay is the time since the admission); `death` ends the
/// patient. While in hospital a patient has no outpatient or ED events.
///
/// **State** is struct-of-arrays: ``stateBytesPerPatient`` (58) bytes per patient, the pending
/// step itself living in the stream's calendar. Ages do not advance during a run (horizons are a
/// year or two); everyone starts out of hospital.
///
/// The model owns its random streams (reference types): a copy shares them, so advance only one
/// copy, as ``EventStream`` does.
public struct HealthcareBehaviour: BehaviourModel {
    /// The parameters the model was built from (validated).
    public let parameters: HealthcareParameters
    /// The run seed the streams were derived from.
    public let runSeed: UInt64
    /// The replication the streams were derived for.
    public let replication: Int
    /// When patients' encounters begin, in seconds (0 by default; negative to replay a history
    /// before a run that starts at 0). The six months of ED visits before it are drawn with the traits.
    public let start: Double

    // Traits, fixed for the run.
    var age: [UInt8]
    var conditions: [UInt16]
    var charlson: [UInt8]
    var frailty: [Float]
    /// Events per second, frailty included, by ``Lane``; the ED rate at an ED-rate multiplier of
    /// 1. One vector, so a step reads all four rates from one cache line.
    var rates: [SIMD4<Float>]

    // Dynamic state.
    var flags: [UInt8]
    /// In hospital: the admission time. Otherwise: the last discharge (−∞ before the first).
    var anchor: [Double]
    /// The scheduled readmission, in seconds after the last discharge (valid with its flag).
    var readmissionDelay: [Float]
    /// The last four ED visit times, newest first, −∞ where there is none. Float seconds keep
    /// ~2 s precision at one year and ~30 s at ten, ample for a six-month look-back.
    var emergencyHistory: [SIMD4<Float>]
    var admissionCount: [UInt16]
    var readmissionCount: [UInt16]
    /// LACE at the last discharge, ``noLACE`` before the first.
    var lastLACE: [UInt8]

    let dynamics: RandomStream
    let costDraws: RandomStream

    // Derived constants.
    let shape: RateProfile
    /// The ED-rate multiplier is this constant throughout (no thinning needed).
    let shapeIsConstant: Bool
    /// The largest ED-rate multiplier (the constant itself when `shapeIsConstant`).
    let shapeMaximum: Double
    let stay: (logMean: Double, logSD: Double)
    let outpatientCost: (logMean: Double, logSD: Double)
    let emergencyCost: (logMean: Double, logSD: Double)
    let dailyCost: (logMean: Double, logSD: Double)
    /// p(readmission scheduled | LACE), indexed by the score.
    let readmissionProbability: [Double]
    let readmissionDelayMean: Double
    /// 1 − exp(−window / mean): the mass of the untruncated delay inside the window.
    let readmissionDelayMass: Double
    /// p(admission | ED visit) and p(death | stay), indexed by ``riskIndex(_:)``.
    let emergencyAdmissionProbability: [Double]
    let inHospitalDeathProbability: [Double]

    /// Bytes of model state per patient: the struct-of-arrays element sizes summed.
    public static let stateBytesPerPatient =
        MemoryLayout<UInt8>.size * 4 + MemoryLayout<UInt16>.size * 3 + MemoryLayout<Float>.size * 2
        + MemoryLayout<Double>.size + MemoryLayout<SIMD4<Float>>.size * 2
    /// Bytes per patient including the ``EventStream``'s share (a pending time of 8 bytes and a
    /// 4-byte id in the customer calendar, plus bucket slack; ≈ 13 measured, 16 allowed): the figure
    /// behind the population-size check.
    public static let estimatedBytesPerPatient = stateBytesPerPatient + 16
    /// The readmission window, in seconds (30 days).
    public static let readmissionWindowSeconds = HealthcareParameters.Readmission.windowDays * secondsPerDay
    static let noLACE = UInt8.max
    static let secondsPerDay = 86_400.0
    static let secondsPerYear = 365.25 * secondsPerDay

    /// The lanes of `rates`.
    enum Lane {
        static let outpatient = 0
        static let emergency = 1
        static let elective = 2
        static let death = 3
    }

    /// The bits of `flags`.
    enum Flag {
        static let female: UInt8 = 1 << 0
        static let dead: UInt8 = 1 << 1
        static let inHospital: UInt8 = 1 << 2
        /// The current (or last) stay was emergent.
        static let emergentStay: UInt8 = 1 << 3
        /// The current stay ends in death; kept after death to tell in-hospital deaths apart.
        static let diesInStay: UInt8 = 1 << 4
        static let readmissionScheduled: UInt8 = 1 << 5
        /// The pending step is the scheduled readmission.
        static let readmissionDue: UInt8 = 1 << 6
    }

    /// Draws the population and prepares the dynamics.
    /// - Parameters:
    ///   - parameters: the model parameters; validated here.
    ///   - runSeed: the run seed; the streams `"healthcare.population"`, `"healthcare.events"` and
    ///     `"healthcare.costs"` are derived from it and `replication`, so other models' streams
    ///     are unaffected.
    ///   - replication: the replication index.
    ///   - start: when encounters begin, in seconds; a finite time, 0 by default. With the same
    ///     seed, a different start draws the same population but different event times.
    /// - Throws: ``DistributionError`` naming the first bad parameter.
    /// - Complexity: O(patients), about 1 µs per patient.
    public init(parameters: HealthcareParameters, runSeed: UInt64, replication: Int = 0,
                start: Double = 0) throws(DistributionError) {
        try parameters.validate()
        guard start.isFinite else { throw DistributionError(path: "healthcare", .invalid(reason: "start must be finite, got \(start)")) }
        self.start = start
        self.parameters = parameters
        self.runSeed = runSeed
        self.replication = replication
        let count = parameters.patients

        let shape = parameters.emergencyRateShape
        self.shape = shape
        shapeIsConstant = shape.daily == .flat && shape.windows.isEmpty && shape.trend == nil
            && shape.weekly.allSatisfy { $0 == shape.weekly[0] }
        shapeMaximum = shape.maximumRate
        let los = parameters.lengthOfStay
        stay = Self.lognormal(mean: los.meanDays * Self.secondsPerDay, sd: los.sdDays * Self.secondsPerDay)
        outpatientCost = Self.lognormal(mean: parameters.costs.outpatient.meanUSD, sd: parameters.costs.outpatient.sdUSD)
        emergencyCost = Self.lognormal(mean: parameters.costs.emergency.meanUSD, sd: parameters.costs.emergency.sdUSD)
        dailyCost = Self.lognormal(mean: parameters.costs.inpatientDay.meanUSD, sd: parameters.costs.inpatientDay.sdUSD)
        readmissionProbability = (0...LACEScore.maximum).map(parameters.readmission.probability(lace:))
        readmissionDelayMean = parameters.readmission.meanDelayDays * Self.secondsPerDay
        readmissionDelayMass = -expm1(-Self.readmissionWindowSeconds / readmissionDelayMean)
        let risks = Self.riskTable
        emergencyAdmissionProbability = risks.map {
            parameters.emergencyAdmission.probability(ageYears: Double($0.age), charlsonIndex: $0.charlson)
        }
        inHospitalDeathProbability = risks.map {
            parameters.inHospitalDeath.probability(ageYears: Double($0.age), charlsonIndex: $0.charlson)
        }

        age = Array(repeating: 0, count: count)
        conditions = Array(repeating: 0, count: count)
        charlson = Array(repeating: 0, count: count)
        frailty = Array(repeating: 0, count: count)
        rates = Array(repeating: .zero, count: count)
        flags = Array(repeating: 0, count: count)
        anchor = Array(repeating: -.infinity, count: count)
        readmissionDelay = Array(repeating: 0, count: count)
        emergencyHistory = Array(repeating: SIMD4(repeating: -.infinity), count: count)
        admissionCount = Array(repeating: 0, count: count)
        readmissionCount = Array(repeating: 0, count: count)
        lastLACE = Array(repeating: Self.noLACE, count: count)

        dynamics = RandomStream(runSeed: runSeed, replication: replication, purpose: "healthcare.events")
        costDraws = RandomStream(runSeed: runSeed, replication: replication, purpose: "healthcare.costs")
        let population = RandomStream(runSeed: runSeed, replication: replication, purpose: "healthcare.population")
        for patient in 0..<count { drawTraits(of: patient, using: population) }
    }

    /// The number of patients.
    public var customerCount: Int { age.count }

    /// The patient's first encounter after ``start``.
    public mutating func firstStep(of customer: Int) -> Double? {
        nextEncounter(of: customer, after: start)
    }

    /// Performs the patient's pending step: the end of a stay, a scheduled readmission, or the next
    /// competing encounter (outpatient visit, ED visit, elective admission or death).
    public mutating func step(customer c: Int, at time: Double, events: inout [CustomerEvent]) -> Double? {
        let state = flags[c]
        if state & Flag.inHospital != 0 { return endStay(of: c, at: time, events: &events) }
        if state & Flag.readmissionDue != 0 {
            emitEmergencyVisit(of: c, at: time, events: &events)
            return admit(c, at: time, emergent: true, events: &events)
        }
        let rate = rates[c]
        let outpatient = Double(rate[Lane.outpatient])
        let emergency = Double(rate[Lane.emergency]) * multiplier(at: time)
        let elective = Double(rate[Lane.elective])
        var u = dynamics.uniform() * (outpatient + emergency + elective + Double(rate[Lane.death]))
        if u < outpatient {
            let cost = costDraws.lognormal(logMean: outpatientCost.logMean, logStandardDeviation: outpatientCost.logSD)
            events.append(CustomerEvent(id: 0, time: time, customer: UInt32(c), kind: .outpatientVisit, amount: Float(cost)))
            return nextEncounter(of: c, after: time)
        }
        u -= outpatient
        if u < emergency {
            emitEmergencyVisit(of: c, at: time, events: &events)
            // A visit that leads to admission enters the history at discharge (see `endStay`).
            if dynamics.uniform() < emergencyAdmissionProbability[riskIndex(c)] {
                return admit(c, at: time, emergent: true, events: &events)
            }
            recordEmergencyVisit(of: c, at: time)
            return nextEncounter(of: c, after: time)
        }
        u -= emergency
        if u < elective { return admit(c, at: time, emergent: false, events: &events) }
        flags[c] = state | Flag.dead
        events.append(CustomerEvent(id: 0, time: time, customer: UInt32(c), kind: .death))
        return nil
    }

    // MARK: - Steps

    /// The next competing encounter after `time`, or the scheduled readmission if that comes first;
    /// `nil` if neither will ever happen.
    mutating func nextEncounter(of c: Int, after time: Double) -> Double? {
        let rate = rates[c]
        let fixed = Double(rate[Lane.outpatient]) + Double(rate[Lane.elective]) + Double(rate[Lane.death])
        let emergency = Double(rate[Lane.emergency])
        let bound = fixed + emergency * shapeMaximum
        let readmission = flags[c] & Flag.readmissionScheduled != 0
            ? anchor[c] + Double(readmissionDelay[c]) : .infinity
        var next = time
        // Thinning against the largest multiplier: a candidate at s is real with probability
        // rate(s) / bound; a constant multiplier accepts every candidate without a draw.
        while bound > 0 {
            next += dynamics.exponential(mean: 1 / bound)
            if next >= readmission { break }
            if shapeIsConstant || dynamics.uniform() * bound < fixed + emergency * shape.rate(at: next) { return next }
        }
        guard readmission.isFinite else { return nil }
        flags[c] |= Flag.readmissionDue
        return readmission
    }

    /// Emits an ED visit with its cost.
    mutating func emitEmergencyVisit(of c: Int, at time: Double, events: inout [CustomerEvent]) {
        let cost = costDraws.lognormal(logMean: emergencyCost.logMean, logStandardDeviation: emergencyCost.logSD)
        events.append(CustomerEvent(id: 0, time: time, customer: UInt32(c), kind: .emergencyVisit, amount: Float(cost)))
    }

    /// Adds an ED visit to the history the LACE E component counts.
    mutating func recordEmergencyVisit(of c: Int, at time: Double) {
        let history = emergencyHistory[c]
        emergencyHistory[c] = SIMD4(Float(time), history[0], history[1], history[2])
    }

    /// Admits the patient at `time` and returns the end of the stay (discharge or death).
    mutating func admit(_ c: Int, at time: Double, emergent: Bool, events: inout [CustomerEvent]) -> Double {
        events.append(CustomerEvent(id: 0, time: time, customer: UInt32(c), kind: .admission, attribute: emergent ? 1 : 0))
        admissionCount[c] = admissionCount[c] &+ (admissionCount[c] < .max ? 1 : 0)
        // An unplanned admission within 30 days of the last discharge is a readmission (CMS and
        // HCUP count only unplanned ones); `anchor` is −∞ before the first discharge.
        if emergent, time - anchor[c] <= Self.readmissionWindowSeconds {
            readmissionCount[c] = readmissionCount[c] &+ (readmissionCount[c] < .max ? 1 : 0)
        }
        var state = flags[c] & ~(Flag.readmissionScheduled | Flag.readmissionDue | Flag.emergentStay | Flag.diesInStay)
        state |= Flag.inHospital | (emergent ? Flag.emergentStay : 0)
        if dynamics.uniform() < inHospitalDeathProbability[riskIndex(c)] { state |= Flag.diesInStay }
        flags[c] = state
        anchor[c] = time
        return time + dynamics.lognormal(logMean: stay.logMean, logStandardDeviation: stay.logSD)
    }

    /// Ends the stay at `time`: death, or a discharge that scores LACE and may schedule a readmission.
    mutating func endStay(of c: Int, at time: Double, events: inout [CustomerEvent]) -> Double? {
        let state = flags[c] & ~Flag.inHospital
        guard state & Flag.diesInStay == 0 else {
            flags[c] = state | Flag.dead
            events.append(CustomerEvent(id: 0, time: time, customer: UInt32(c), kind: .death))
            return nil
        }
        let admitted = anchor[c]
        let stayDays = (time - admitted) / Self.secondsPerDay
        let wholeDays = Int(stayDays)
        // One daily rate per stay; a stay under a day is charged as a day.
        let cost = costDraws.lognormal(logMean: dailyCost.logMean, logStandardDeviation: dailyCost.logSD) * max(1, stayDays)
        events.append(CustomerEvent(
            id: 0, time: time, customer: UInt32(c), kind: .discharge,
            amount: Float(cost), attribute: UInt16(clamping: wholeDays)))
        let emergent = state & Flag.emergentStay != 0
        let lace = LACEScore(
            lengthOfStayDays: wholeDays, emergent: emergent,
            charlsonIndex: Int(charlson[c]), emergencyVisits: emergencyVisits(of: c, before: admitted)).total
        // Only now does the ED visit that led to the stay join the history: recorded at admission it
        // would have pushed the fourth earlier visit out of the four kept, undercounting E.
        if emergent { recordEmergencyVisit(of: c, at: admitted) }
        lastLACE[c] = UInt8(lace)
        anchor[c] = time
        var next = state
        if dynamics.uniform() < readmissionProbability[lace] {
            // Exponential delay truncated to the window by inversion: always inside (0, 30 days).
            let delay = -readmissionDelayMean * log(1 - dynamics.uniformPositive() * readmissionDelayMass)
            readmissionDelay[c] = Float(delay)
            next |= Flag.readmissionScheduled
        }
        flags[c] = next
        return nextEncounter(of: c, after: time)
    }

    /// ED visits in the six months before `admission` (the visit that led to the admission is not
    /// yet in the history). Compared in Float, the precision the history is kept in.
    func emergencyVisits(of c: Int, before admission: Double) -> Int {
        let history = emergencyHistory[c]
        let end = Float(admission)
        let start = Float(admission - LACEScore.emergencyLookbackSeconds)
        var count = 0
        for lane in 0..<4 where history[lane] >= start && history[lane] < end { count += 1 }
        return count
    }

    /// The ED-rate multiplier at `time`.
    func multiplier(at time: Double) -> Double {
        shapeIsConstant ? shapeMaximum : shape.rate(at: time)
    }

    // MARK: - Population

    /// Draws one patient's traits, rates and ED history before ``start``.
    mutating func drawTraits(of c: Int, using stream: RandomStream) {
        let population = parameters.population
        // Truncated normal by rejection; the mean lies inside the range (validated).
        let low = Double(population.ageMinYears) - 0.5, high = Double(population.ageMaxYears) + 0.5
        var years: Double
        repeat {
            years = stream.normal(mean: population.ageMeanYears, standardDeviation: population.ageSDYears)
        } while years < low || years >= high
        let patientAge = UInt8(clamping: Int(years.rounded()))
        let female = stream.uniform() < population.femaleShare
        var mask = ChronicConditions()
        for condition in ChronicCondition.allCases
        where stream.uniform() < population.conditions[condition].prevalence(ageYears: Double(patientAge)) {
            mask.insert(ChronicConditions(condition))
        }
        let index = mask.charlsonIndex
        let patientFrailty = stream.gamma(shape: population.frailtyShape, scale: 1 / population.frailtyShape)

        func perSecond(_ rate: HealthcareParameters.EventRate) -> Float {
            Float(rate.ratePerYear * rate.multiplier(ageYears: Double(patientAge), charlsonIndex: index, female: female)
                * patientFrailty / Self.secondsPerYear)
        }
        age[c] = patientAge
        conditions[c] = mask.rawValue
        charlson[c] = UInt8(index)
        frailty[c] = Float(patientFrailty)
        rates[c] = SIMD4(
            perSecond(parameters.outpatient), perSecond(parameters.emergency),
            perSecond(parameters.electiveAdmission), perSecond(parameters.mortality))
        flags[c] = female ? Flag.female : 0

        // ED visits of the six months before the start, from the same (thinned) process as later ones.
        let rate = Double(rates[c][Lane.emergency]) * shapeMaximum
        guard rate > 0 else { return }
        var time = start - LACEScore.emergencyLookbackSeconds
        var history = emergencyHistory[c]
        while true {
            time += stream.exponential(mean: 1 / rate)
            guard time < start else { break }
            if shapeIsConstant || stream.uniform() * shapeMaximum < shape.rate(at: time) {
                history = SIMD4(Float(time), history[0], history[1], history[2])
            }
        }
        emergencyHistory[c] = history
    }

    /// Ages 0...120 by Charlson 0...max, the keys of the probability tables.
    static let riskTable: [(age: Int, charlson: Int)] = (0...120).flatMap { age in
        (0...ChronicConditions.maximumCharlsonIndex).map { (age, $0) }
    }

    /// The patient's row in the probability tables.
    func riskIndex(_ c: Int) -> Int {
        Int(age[c]) * (ChronicConditions.maximumCharlsonIndex + 1) + Int(charlson[c])
    }

    /// GSL's lognormal parameters (μ, σ of the logarithm) for a given mean and standard deviation.
    static func lognormal(mean: Double, sd: Double) -> (logMean: Double, logSD: Double) {
        let variance = log1p((sd / mean) * (sd / mean))
        return (log(mean) - variance / 2, variance.squareRoot())
    }
}
