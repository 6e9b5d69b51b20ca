/** The colour of each group, light and dark: four that stay apart, errors the loudest. */
export const GROUP_COLORS = {
  light: { noise: '#7b93ad', misconfig: '#e6a23c', policy: '#8a63c9', error: '#d7263d' },
  dark: { noise: '#5f7691', misconfig: '#f2b457', policy: '#a888e6', error: '#ff5c6c' },
} as const;

const vars = (c: Record<string, string>): string =>
  Object.entries(c)
    .map(([g, v]) => `--${g}:${v}`)
    .join(';');

/** The page's style sheet: light, dark (prefers-color-scheme), print. */
export const STYLE = `:root{${vars(GROUP_COLORS.light)};--bg:#fff;--fg:#1f2328;--muted:#5b636e;--line:#d8dde3;--panel:#f5f7f9;--accent:#0b62c4;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{${vars(GROUP_COLORS.dark)};--bg:#0f1419;--fg:#d9dee5;--muted:#98a2ae;--line:#2c3440;--panel:#171e26;--accent:#6cb0ff}}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:16px;background:var(--bg);color:var(--fg)}
h1{font-size:21px;margin:4px 0}h2{font-size:16px;margin:26px 0 8px}
.sub{color:var(--muted);margin:0 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.card{flex:1 1 120px;border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:6px;padding:6px 10px;background:var(--panel)}
.card.g-noise{border-left-color:var(--noise)}.card.g-misconfig{border-left-color:var(--misconfig)}.card.g-policy{border-left-color:var(--policy)}.card.g-error{border-left-color:var(--error)}
.card .label{display:block;color:var(--muted);font-size:12px}.card .big{font-size:22px;font-weight:600;margin-right:6px}.card .share{color:var(--muted)}
svg.chart{width:100%;height:auto;display:block;font-size:11px;user-select:none;touch-action:none}
svg.chart text{fill:var(--muted)}svg.chart .grid{stroke:var(--line)}svg.chart .fold{stroke:var(--muted);stroke-dasharray:3 3}
svg.chart rect{stroke:var(--bg);stroke-width:.5}svg.chart .hit{fill:transparent;stroke:none;cursor:crosshair}svg.chart .hit:hover{fill:var(--fg);fill-opacity:.07}
svg.chart .brush{fill:var(--accent);fill-opacity:.18;stroke:var(--accent);pointer-events:none}
.g-noise{fill:var(--noise)}.g-misconfig{fill:var(--misconfig)}.g-policy{fill:var(--policy)}.g-error{fill:var(--error)}
.chart-bar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:4px 0}
.chart-bar .caption{color:var(--muted);margin-right:auto}
button{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer}
.tool{border:1px solid var(--line);border-radius:4px;padding:2px 8px;background:var(--panel)}.tool:hover{border-color:var(--accent)}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;margin:6px 0}.lg{display:flex;flex-wrap:wrap;gap:2px 10px;align-items:center}
.key{white-space:nowrap}.key i{display:inline-block;width:11px;height:11px;margin-right:4px;border-radius:2px;vertical-align:-1px}
.key i.g-noise{background:var(--noise)}.key i.g-misconfig{background:var(--misconfig)}.key i.g-policy{background:var(--policy)}.key i.g-error{background:var(--error)}
.key.group{font-weight:600}.key[aria-pressed=false]{opacity:.4;text-decoration:line-through}.key .n{color:var(--muted)}
.search{display:flex;gap:8px;align-items:center;margin:8px 0;position:sticky;top:0;background:var(--bg);padding:6px 0;z-index:1}
.search input{font:inherit;flex:0 1 320px;min-width:0;padding:4px 8px;border:1px solid var(--line);border-radius:4px;background:var(--panel);color:var(--fg)}
.scroll{overflow-x:auto;max-width:100%}
table.data{border-collapse:collapse;width:100%;margin:4px 0 8px}
caption{text-align:left;color:var(--muted);padding:2px 0}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--panel);white-space:nowrap}th button{font-weight:600}th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.nowrap,.ip,time{white-space:nowrap}
.ip{color:var(--accent);font-family:ui-monospace,SFMono-Regular,Menlo,monospace}.ip:hover{text-decoration:underline}
.chip{white-space:nowrap;border-bottom:2px solid var(--muted)}.chip:hover{color:var(--accent)}
.chip.g-noise{border-bottom-color:var(--noise)}.chip.g-misconfig{border-bottom-color:var(--misconfig)}.chip.g-policy{border-bottom-color:var(--policy)}.chip.g-error{border-bottom-color:var(--error)}
.cc{white-space:nowrap;margin-right:6px}.cc .n{color:var(--muted)}
tr.drill>td{background:var(--panel);padding:8px 12px}.drill dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 6px}.drill dt{color:var(--muted)}.drill dd{margin:0}
.note{color:var(--muted)}li{margin:4px 0}
[hidden]{display:none!important}
@media print{:root{${vars(GROUP_COLORS.light)};--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#fff}
body{max-width:none;padding:0;font-size:11px}.search,.tool,.chart-bar button,svg.chart .brush{display:none!important}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}table,figure,.cards{break-inside:avoid}.scroll{overflow:visible}}`;
