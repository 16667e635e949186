import Testing
import SegsimBehaviour
import SegsimRandom

/// A toy model that steps ahead: customers step at whole seconds (so many steps tie), every
/// fourth step changes its "truth" (a per-customer count and time), and a truth step is followed
/// by a step a second or two later, so the stream meets put-off steps, customers due again inside
/// a window and ties between all of them. Each event's attribute is its customer's step number.
private struct AheadModel: BehaviourModel {
    static var stepsAhead: Bool { true }
    static let stepsPerCustomer = 60

    var customerCount: Int
    var stepsTaken: [Int]
    /// Ground truth: the time of the latest truth-changing step (−∞ before any).
    var truthTime: [Double]
    var generator = SplitMix64(state: 11)

    init(customers: Int) {
        customerCount = customers
        stepsTaken = Array(repeating: 0, count: customers)
        truthTime = Array(repeating: -.infinity, count: customers)
    }

    func pendingStepChangesTruth(customer: Int) -> Bool { stepsTaken[customer] % 4 == 3 }

    mutating func firstStep(of customer: Int) -> Double? { Double(generator.below(50)) }

    mutating func step(customer: Int, at time: Double, events: inout [CustomerEvent]) -> Double? {
        let changesTruth = pendingStepChangesTruth(customer: customer)
        if changesTruth { truthTime[customer] = time }
        if generator.uniform() < 0.9 {
            events.append(CustomerEvent(id: 0, time: time, customer: UInt32(customer), kind: .pageView,
                                        attribute: UInt16(stepsTaken[customer])))
        }
        stepsTaken[customer] += 1
        guard stepsTaken[customer] < Self.stepsPerCustomer else { return nil }
        // Mostly short gaps (a session), sometimes a long one (idle), never earlier.
        let gap = changesTruth ? Double(generator.below(3)) : (generator.uniform() < 0.1 ? Double(generator.below(5_000)) : Double(generator.below(40)))
        return time + gap
    }
}

@Suite("Event stream stepping ahead") struct EventStreamSteppingAheadTests {
    /// Pulls every event, with `limits` (rising) before the final unlimited pull.
    private static func drain<Model: BehaviourModel>(_ stream: inout EventStream<Model>, limits: [Double] = []) -> [CustomerEvent] {
        var events: [CustomerEvent] = []
        for limit in limits + [.infinity] {
            while let event = stream.next(notAfter: limit) {
                #expect(event.time <= limit)
                events.append(event)
            }
        }
        return events
    }

    /// Delivery is in (time, customer) order, each customer's events in its step order, every step
    /// taken once, and ids count deliveries.
    @Test func deliversInTimeAndCustomerOrder() {
        var stream = EventStream(model: AheadModel(customers: 3_000))
        let events = Self.drain(&stream)
        var ordered = true
        var lastStep = [Int](repeating: -1, count: 3_000)
        var stepOrder = true
        for (index, event) in events.enumerated() {
            if index > 0 {
                let previous = events[index - 1]
                if event.time < previous.time || (event.time == previous.time && event.customer < previous.customer) {
                    ordered = false
                }
            }
            let customer = Int(event.customer)
            stepOrder = stepOrder && Int(event.attribute) > lastStep[customer]
            lastStep[customer] = Int(event.attribute)
        }
        #expect(ordered)
        #expect(stepOrder)
        #expect(events.enumerated().allSatisfy { UInt64($0.offset) == $0.element.id })
        #expect(stream.steps == UInt64(3_000 * AheadModel.stepsPerCustomer))
        #expect(stream.model.stepsTaken.allSatisfy { $0 == AheadModel.stepsPerCustomer })
        // About 90% of steps emit: the whole population went through.
        #expect(events.count > 3_000 * AheadModel.stepsPerCustomer * 8 / 10)
    }

    /// No truth-changing step is taken before delivery reaches its time: between two events the
    /// model's truth is that of the time delivered, for every customer.
    @Test func truthIsNeverAhead() {
        var stream = EventStream(model: AheadModel(customers: 500))
        var ahead = 0
        var checked = 0
        while let event = stream.next() {
            checked += 1
            ahead += stream.model.truthTime.filter { $0 > event.time }.count
        }
        #expect(checked > 20_000)
        #expect(ahead == 0)
    }

    /// The limits a caller pulls with change nothing: the same events, ids and final truth.
    @Test func limitsChangeNothing() {
        var whole = EventStream(model: AheadModel(customers: 2_000))
        let expected = Self.drain(&whole)
        var generator = SplitMix64(state: 21)
        var limits: [Double] = []
        var limit = -1.0
        while limit < 20_000 {
            limit += 60 * generator.uniform()
            limits.append(limit.rounded(generator.uniform() < 0.3 ? .down : .toNearestOrEven))
        }
        var pieces = EventStream(model: AheadModel(customers: 2_000))
        let pulled = Self.drain(&pieces, limits: limits)
        #expect(pulled == expected)
        #expect(pieces.model.truthTime == whole.model.truthTime)
        #expect(pieces.steps == whole.steps)
    }

    /// Retail: limits change no event, and at every delivered event no customer's intent change or
    /// repeat order lies in the future; a purchase is the customer's latest order as it is delivered.
    @Test func retailTruthIsExactAndLimitsChangeNothing() throws {
        var parameters = RetailParameters()
        parameters.customers = 3_000
        parameters.acquisitionStart = -2 * RetailParameters.secondsPerWeek
        let horizon = 4 * 86_400.0
        var whole = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: 5))
        var expected: [CustomerEvent] = []
        var ahead = 0
        var purchases = 0
        var purchaseIsLatest = true
        while let event = whole.next(notAfter: horizon) {
            expected.append(event)
            let time = Float(event.time)
            if event.kind == .purchase {
                purchases += 1
                purchaseIsLatest = purchaseIsLatest && whole.model.lastOrderTime(Int(event.customer)) == time
            }
            if expected.count % 97 == 0 {
                // Before the first order (joining), the latest order time is the joining time.
                for c in 0 ..< parameters.customers where whole.model.intentChangeTime(of: c) > time
                    || (whole.model.lastOrderTime(c) > time && whole.model.lastOrderTime(c) != whole.model.joinedTime(c)) {
                    ahead += 1
                }
            }
        }
        #expect(expected.count > 50_000)
        #expect(purchases > 500)
        #expect(purchaseIsLatest)
        #expect(ahead == 0)

        var pieces = EventStream(model: try RetailBehaviour(parameters: parameters, runSeed: 5))
        var pulled: [CustomerEvent] = []
        for hour in stride(from: -300.0, through: horizon / 3_600, by: 7.25) {
            while let event = pieces.next(notAfter: hour * 3_600) { pulled.append(event) }
        }
        while let event = pieces.next(notAfter: horizon) { pulled.append(event) }
        #expect(pulled == expected)
    }
}
