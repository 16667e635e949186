import SegsimPipeline

/// Every delivery of a few customers, with the time it reached each stage, for `trace.csv`:
/// the per-event view behind the stage latencies (a redelivery or a resent duplicate shows up as
/// a second row with the same event id). Written only when the scenario asks for it
/// (`evaluation.trace_customers`), for replication 0.
///
/// - Complexity: O(1) per traced delivery; memory O(traced deliveries) — the traced customers'
///   share of the run's events, so a few hundred customers keep a week of retail small.
public struct PipelineTrace: Sendable {
    /// One traced delivery.
    public struct Row: Sendable, Equatable {
        /// The delivery's times, from event time to the store write.
        public var record: PipelineRecord
        /// Whether the feature store applied it (false: a duplicate it recognised).
        public var applied: Bool
        /// The segment assigned on it (streaming cadence), or nil (not applied, or a batch cadence
        /// that assigns at ``segmentTime``).
        public var segment: Int?
        /// When its effect reached the segment book: the store write (streaming) or the next
        /// micro-batch or nightly run; nil when not applied.
        public var segmentTime: Double?
    }

    /// Customers `0..<customers` are traced.
    public let customers: Int
    /// The traced deliveries, in the order they left the pipeline.
    public private(set) var rows: [Row] = []

    /// Traces customers `0..<customers` (none for 0).
    public init(customers: Int) { self.customers = customers }

    /// Whether `customer`'s deliveries are traced.
    @inline(__always)
    func traces(_ customer: Int) -> Bool { customer < customers }

    /// Adds one delivery. Out of line: the run's per-event loop only pays for the check.
    @inline(never)
    mutating func append(_ record: PipelineRecord, applied: Bool, segment: Int?, segmentTime: Double?) {
        rows.append(Row(record: record, applied: applied, segment: segment, segmentTime: segmentTime))
    }

    /// `trace.csv`: one row per delivery, times in virtual seconds from the epoch; `segment` is
    /// named from `segmentNames`.
    public func csv(segmentNames: [String]) -> String {
        var out = "event_id,customer,kind,delivery,partition,offset,worker,event_time_s,produced_s,sent_s,log_arrival_s,"
            + "appended_s,readable_s,consumed_s,featurised_s,scored_s,written_s,end_to_end_s,applied,segment,segment_time_s\n"
        for row in rows {
            let r = row.record
            let segment = row.segment.map { $0 < segmentNames.count ? segmentNames[$0] : String($0) } ?? ""
            let times = [r.event.time, r.producerTime, r.sentTime, r.logArrival, r.ingestTime, r.readableTime,
                         r.processingStart, r.featurisedTime, r.processingEnd, r.storeEnd, r.endToEnd]
            out += "\(r.event.id),\(r.event.customer),\(r.event.kind.exportName),\(Self.name(of: r.delivery)),"
                + "\(r.partition),\(r.offset),\(r.worker),"
                + times.map { "\($0)" }.joined(separator: ",")
                + ",\(row.applied),\(segment),\(row.segmentTime.map { "\($0)" } ?? "")\n"
        }
        return out
    }

    private static func name(of delivery: PipelineDelivery) -> String {
        switch delivery {
        case .first: "first"
        case .resent: "resent"
        case .redelivered: "redelivered"
        }
    }
}
