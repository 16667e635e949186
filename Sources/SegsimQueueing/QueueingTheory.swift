import Foundation

/// Closed-form results of queueing theory that the simulator is validated against.
///
/// Rates are per unit time; λ is the arrival rate, μ the service rate of one server.
public enum QueueingTheory {
    /// M/M/1 mean time in queue, Wq = ρ / (μ − λ). Requires λ < μ.
    public static func mm1MeanWait(arrivalRate λ: Double, serviceRate μ: Double) -> Double {
        (λ / μ) / (μ - λ)
    }

    /// M/M/1 mean sojourn (time in system), W = 1 / (μ − λ). Requires λ < μ.
    public static func mm1MeanSojourn(arrivalRate λ: Double, serviceRate μ: Double) -> Double {
        1 / (μ - λ)
    }

    /// Erlang's C formula: the probability that an arrival to M/M/c must wait.
    ///
    /// Computed from the Erlang-B recursion B(k) = a·B(k−1) / (k + a·B(k−1)), which is stable
    /// for large c, then C = B / (1 − ρ(1 − B)). Requires λ < c·μ.
    public static func erlangC(servers c: Int, arrivalRate λ: Double, serviceRate μ: Double) -> Double {
        let offered = λ / μ
        let rho = offered / Double(c)
        let blocking = erlangB(servers: c, offeredLoad: offered)
        return blocking / (1 - rho * (1 - blocking))
    }

    /// Erlang's B formula: the blocking probability of M/M/c/c with offered load a = λ/μ.
    public static func erlangB(servers c: Int, offeredLoad a: Double) -> Double {
        var b = 1.0
        if c > 0 {
            for k in 1...c { b = a * b / (Double(k) + a * b) }
        }
        return b
    }

    /// M/M/c mean time in queue, Wq = C(c, a) / (c·μ − λ). Requires λ < c·μ.
    public static func mmcMeanWait(servers c: Int, arrivalRate λ: Double, serviceRate μ: Double) -> Double {
        erlangC(servers: c, arrivalRate: λ, serviceRate: μ) / (Double(c) * μ - λ)
    }

    /// Pollaczek–Khinchine: M/G/1 mean time in queue, Wq = λ·E[S²] / (2(1 − ρ)), ρ = λ·E[S].
    public static func mg1MeanWait(arrivalRate λ: Double, serviceMean mean: Double, serviceVariance variance: Double) -> Double {
        let secondMoment = variance + mean * mean
        return λ * secondMoment / (2 * (1 - λ * mean))
    }

    /// M/M/1/K: the probability that an arrival finds K in the system and is lost,
    /// P_K = (1 − ρ)ρ^K / (1 − ρ^(K+1)), or 1/(K+1) when ρ = 1. K counts the one in service.
    public static func mm1kBlockingProbability(capacity K: Int, arrivalRate λ: Double, serviceRate μ: Double) -> Double {
        let rho = λ / μ
        if abs(rho - 1) < 1e-12 { return 1 / Double(K + 1) }
        return (1 - rho) * pow(rho, Double(K)) / (1 - pow(rho, Double(K + 1)))
    }

    /// M/M/1/K mean number in system, L = ρ/(1 − ρ) − (K+1)ρ^(K+1)/(1 − ρ^(K+1)).
    public static func mm1kMeanNumberInSystem(capacity K: Int, arrivalRate λ: Double, serviceRate μ: Double) -> Double {
        let rho = λ / μ
        if abs(rho - 1) < 1e-12 { return Double(K) / 2 }
        let k1 = Double(K + 1)
        return rho / (1 - rho) - k1 * pow(rho, k1) / (1 - pow(rho, k1))
    }

    /// Jackson: the mean sojourn through M/M/c stations in series (each sees Poisson λ),
    /// the sum of each station's mean wait plus mean service.
    public static func tandemMeanSojourn(arrivalRate λ: Double, stations: [(servers: Int, serviceRate: Double)]) -> Double {
        stations.reduce(0) { total, station in
            total + mmcMeanWait(servers: station.servers, arrivalRate: λ, serviceRate: station.serviceRate)
                + 1 / station.serviceRate
        }
    }
}
