/// The style sheet every Telltale HTML page starts from (`telltale eval --report`, `telltale
/// accounts --report`): fonts (CJK included, so Chinese text renders on a bare Linux box), colours
/// (Okabe–Ito blue), headings, tables, cards, chart figures, notes and footer. A page appends its
/// own rules after it (later rules win). No `<` or `&`, so the pages stay well-formed XML.
public enum ReportStyle {
    public static let base = """
    :root { color-scheme: light; }
    body { font-family: system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', Arial, sans-serif; margin: 0 auto; max-width: 1400px; padding: 18px 28px 40px; color: #1d1d1f; background: #fafafa; font-size: 14px; line-height: 1.45; }
    h1 { margin: 0 0 4px; font-size: 26px; }
    h2 { margin: 28px 0 10px; font-size: 20px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; }
    h3 { margin: 18px 0 6px; font-size: 15px; }
    code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12.5px; background: #eef1f4; padding: 1px 4px; border-radius: 3px; }
    .meta { margin: 0; color: #444; }
    nav { margin-top: 8px; }
    nav a { color: #0072B2; }
    .dim { color: #666; font-weight: normal; }
    table { border-collapse: collapse; margin: 6px 0 10px; background: #fff; }
    th, td { border: 1px solid #dcdcdc; padding: 4px 8px; text-align: left; vertical-align: top; }
    th { background: #f0f3f6; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .notes { color: #555; margin: 4px 0; padding-left: 20px; }
    .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
    .card { border: 1px solid #dde3ea; border-radius: 6px; padding: 6px 14px; min-width: 86px; background: #f7f9fb; }
    .card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .card .name { color: #555; font-size: 12px; }
    .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 14px; margin: 10px 0; }
    figure { margin: 0; background: #fff; border: 1px solid #e6e6e6; border-radius: 6px; padding: 4px; text-align: center; }
    figcaption { color: #555; font-size: 12px; }
    footer { margin-top: 30px; color: #555; font-size: 12.5px; }
    """
}
