import Testing
import SegsimKernel

/// A model that logs what fired when, and can schedule and cancel on request.
private struct Recorder: SimulationModel {
    enum Event: Equatable { case mark(Int), spawn(Int, after: Double), cancelLater }
    var log: [(Double, Int)] = []
    var pendingToCancel: EventHandle?

    mutating func handle<Calendar: EventCalendar>(_ event: Event, in simulation: inout Simulation<Event, Calendar>) {
        switch event {
        case let .mark(id): log.append((simulation.now, id))
        case let .spawn(id, delay): simulation.schedule(.mark(id), after: delay)
        case .cancelLater:
            if let handle = pendingToCancel {
                let wasPending = simulation.cancel(handle)
                #expect(wasPending)
            }
        }
    }
}

@Suite struct SimulationTests {
    @Test func eventsFireInTimeOrderAndTiesInSchedulingOrder() {
        var simulation = Simulation<Recorder.Event, LadderCalendar>()
        var model = Recorder()
        simulation.schedule(.mark(3), at: 2)
        simulation.schedule(.mark(1), at: 1)
        simulation.schedule(.mark(4), at: 2)  // same time as 3, scheduled later: fires after it
        simulation.schedule(.mark(2), at: 1.5)
        simulation.schedule(.spawn(5, after: 0), at: 2)  // a zero delay still fires after earlier ties
        simulation.run(&model, until: 10)
        #expect(model.log.map(\.1) == [1, 2, 3, 4, 5])
        #expect(model.log.map(\.0) == [1, 1.5, 2, 2, 2])
        #expect(simulation.now == 10)
        #expect(simulation.handledEvents == 6)
    }

    @Test func runUntilStopsAtTheHorizonAndResumes() {
        var simulation = Simulation<Recorder.Event, BinaryHeapCalendar>()
        var model = Recorder()
        for i in 1...10 { simulation.schedule(.mark(i), at: Double(i)) }
        simulation.run(&model, until: 4.5)
        #expect(model.log.count == 4 && simulation.now == 4.5 && simulation.pendingEvents == 6)
        simulation.run(&model, while: { $0.log.count < 7 })
        #expect(model.log.count == 7 && simulation.now == 7)
    }

    @Test func cancelledEventsNeverFireAndHandlesDoNotOutliveTheirEvent() {
        var simulation = Simulation<Recorder.Event, LadderCalendar>()
        var model = Recorder()
        let doomed = simulation.schedule(.mark(99), at: 5)
        model.pendingToCancel = doomed
        simulation.schedule(.cancelLater, at: 1)
        simulation.schedule(.mark(1), at: 6)
        #expect(simulation.pendingEvents == 3)
        simulation.run(&model, until: .infinity)
        #expect(model.log.map(\.1) == [1])
        #expect(simulation.pendingEvents == 0)
        // The slot is reused by a new event; the stale handle must not cancel it.
        let fresh = simulation.schedule(.mark(2), at: 7)
        let staleHandleCancels = simulation.cancel(doomed)
        let freshCancels = simulation.cancel(fresh)
        let secondCancel = simulation.cancel(fresh)
        #expect(!staleHandleCancels && freshCancels && !secondCancel)
    }
}
