/// What a customer (or patient) did.
public enum EventKind: UInt8, Sendable, CaseIterable, Codable, BitwiseCopyable {
    // Retail.
    /// A browsing session begins.
    case sessionStart
    /// A page that is not a product page.
    case pageView
    /// A product detail page.
    case productView
    /// A product is put into the cart.
    case addToCart
    /// A product is taken out of the cart.
    case removeFromCart
    /// The customer enters checkout.
    case checkout
    /// An order is placed; `amount` is its value.
    case purchase
    /// The session ends (after the last action, or abandoned).
    case sessionEnd
    // Healthcare.
    /// An outpatient (clinic, primary-care) encounter; `amount` is its cost.
    case outpatientVisit
    /// An emergency-department visit; `amount` is its cost.
    case emergencyVisit
    /// An inpatient admission; `attribute` is 1 when emergent, 0 when elective.
    case admission
    /// A discharge; `amount` is the stay's cost, `attribute` its length in days.
    case discharge
    /// Death (no further events).
    case death

    /// The name used in exports (`snake_case`, stable).
    public var exportName: String {
        switch self {
        case .sessionStart: "session_start"
        case .pageView: "page_view"
        case .productView: "product_view"
        case .addToCart: "add_to_cart"
        case .removeFromCart: "remove_from_cart"
        case .checkout: "checkout"
        case .purchase: "purchase"
        case .sessionEnd: "session_end"
        case .outpatientVisit: "outpatient_visit"
        case .emergencyVisit: "emergency_visit"
        case .admission: "admission"
        case .discharge: "discharge"
        case .death: "death"
        }
    }
}

/// One behavioural event: a compact value (32 bytes, no references), so streaming millions of
/// them allocates nothing.
public struct CustomerEvent: Sendable, Equatable, BitwiseCopyable {
    /// Unique id: the event's position in its stream (0, 1, 2, …), assigned once as the
    /// ``EventStream`` delivers it. The stream is deterministic, so the same run gives every event
    /// the same id, and a resent duplicate keeps it. A customer's ids increase with time, with
    /// gaps (the stream keeps no per-customer counter).
    public var id: UInt64
    /// When the customer acted, in seconds of virtual time from the Monday 00:00 epoch.
    public var time: Double
    /// Dense customer id, 0 ..< population size.
    public var customer: UInt32
    /// Money attached to the event (order value, cost), otherwise 0.
    public var amount: Float
    /// A small kind-specific attribute (product category, emergent flag, length of stay in days).
    public var attribute: UInt16
    /// What happened.
    public var kind: EventKind

    /// Creates an event.
    @inlinable
    public init(id: UInt64, time: Double, customer: UInt32, kind: EventKind, amount: Float = 0, attribute: UInt16 = 0) {
        self.id = id
        self.time = time
        self.customer = customer
        self.amount = amount
        self.attribute = attribute
        self.kind = kind
    }
}
