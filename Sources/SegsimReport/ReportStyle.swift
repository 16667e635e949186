/// The report's embedded style sheet: system fonts, a readable measure, zebra tables, charts
/// scaled to the column width, a distinct notice style and a print layout.
enum ReportStyle {
    static let css = """
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      line-height: 1.5; color: #1a1a1a; background: #ffffff; max-width: 62rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
    h1 { font-size: 1.8rem; margin: 0 0 0.25rem; }
    h2 { font-size: 1.35rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.2rem; border-bottom: 1px solid #dddddd; }
    p { max-width: 46rem; }
    a { color: #0b5cad; }
    .subtitle { color: #555555; margin: 0 0 1rem; }
    dl.metadata { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 1.5rem; font-size: 0.9rem; }
    dl.metadata dt { font-weight: 600; color: #444444; }
    dl.metadata dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    nav.toc { background: #f6f8fa; border: 1px solid #e1e4e8; border-radius: 6px; padding: 0.5rem 1rem; }
    nav.toc h2 { font-size: 1rem; margin: 0.25rem 0; border: 0; }
    nav.toc ol { margin: 0 0 0.25rem; padding-left: 1.5rem; }
    p.notice { background: #fff6e0; border-left: 4px solid #d55e00; padding: 0.6rem 0.8rem; }
    figure.chart { margin: 1.25rem 0; }
    figure.chart svg { display: block; width: 100%; height: auto; }
    .table-wrap { overflow-x: auto; margin: 1rem 0; }
    table { border-collapse: collapse; font-size: 0.9rem; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
    th, td { padding: 0.3rem 0.7rem; text-align: left; vertical-align: top; border-bottom: 1px solid #e5e5e5; }
    thead th { background: #f2f2f2; border-bottom: 2px solid #999999; }
    tbody tr:nth-child(even) { background: #f8f8f8; }
    th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
    pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; font-size: 0.85rem; }
    footer { margin-top: 3rem; color: #777777; font-size: 0.8rem; }
    @media print {
      nav.toc { display: none; }
      h2 { break-after: avoid; }
      figure.chart, table { break-inside: avoid; }
    }

    """
}
