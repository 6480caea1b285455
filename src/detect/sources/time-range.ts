// Parses `--since`/`--until`/`--dedupe-window` values: ISO timestamps or relative durations (90s, 15m, 24h, 7d).

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `10m` → 600000. Returns undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/i.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  const unit = m[2].toLowerCase();
  const n = Number(m[1]);
  return unit === 'ms' ? n : n * (UNIT_MS[unit] ?? Number.NaN);
}

/** `24h` (before now), `2024-05-01`, `2024-05-01T10:00:00Z` → a Date; undefined when unparseable. */
export function parseTimeArg(text: string, now: Date = new Date()): Date | undefined {
  const d = parseDuration(text);
  if (d !== undefined) return new Date(now.getTime() - d);
  if (!/^\d{4}-\d\d-\d\d/.test(text.trim())) return undefined;
  const t = Date.parse(text.trim());
  return Number.isNaN(t) ? undefined : new Date(t);
}

export interface TimeRange {
  since: Date | undefined;
  until: Date | undefined;
}

/** Every UTC day (as `YYYY/MM/DD`) that overlaps [since, until]. */
export function daysInRange(since: Date, until: Date): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));
  while (d.getTime() <= until.getTime()) {
    out.push(dayPath(d));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export function dayPath(d: Date): string {
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear()}/${mm}/${dd}`;
}
