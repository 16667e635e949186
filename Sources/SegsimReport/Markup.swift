/// Escaping and identifiers for the HTML and SVG the report writes.
///
/// Every piece of caller-supplied text goes through ``escape(_:)``, so titles such as
/// `<script>` render as text and the SVG stays well-formed XML.
public enum Markup {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, and control characters that
    /// XML forbids replaced by U+FFFD, so it is safe in element content and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    escaped += "\u{FFFD}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// A lowercase ASCII slug of `text` for element ids ("p99 Latency (ms)" → "p99-latency-ms"),
    /// at most 40 characters; deterministic, so anchors are stable between runs.
    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
                if slug.count >= 40 { break }
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }
}
