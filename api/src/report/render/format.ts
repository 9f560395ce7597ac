// Number formats of the report, shared by the HTML page and the XLSX: no NaN, "—" for nothing to show.

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** 0.857 -> "85.7%"; null -> "—" */
export function percent(v: number | null): string {
  return v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

/** 4.333 -> "4.3"; null -> "—" */
export function decimal(v: number | null, digits = 1): string {
  return v === null ? '—' : v.toFixed(digits);
}

/** Month-on-month change of a count: "+3", "−2", "持平". */
export function countChange(value: number, previous: number): string {
  const d = value - previous;
  return d === 0 ? '持平' : d > 0 ? `+${d}` : `−${-d}`;
}

/** Change of a rate in percentage points; "—" when either month had nothing to measure. */
export function rateChange(value: number | null, previous: number | null): string {
  if (value === null || previous === null) return '—';
  const d = Math.round((value - previous) * 1000) / 10;
  return d === 0 ? '持平' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}个百分点`;
}

/** Change of an average or a number of days: "+0.5", "−1.0", "持平", "—". */
export function numberChange(value: number | null, previous: number | null, digits = 1): string {
  if (value === null || previous === null) return '—';
  const d = value - previous;
  return Math.abs(d) < 10 ** -digits / 2 ? '持平' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(digits)}`;
}

/** ISO instant -> Shanghai "2026-10-12 14:30". */
export function shanghaiDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
