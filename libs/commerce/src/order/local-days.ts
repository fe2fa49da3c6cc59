/**
 * Calendar days in an IANA time zone, cut into UTC instants so the database only compares
 * `timestamptz` values. Node's Intl decides what a zone is, the same tables the browser uses, so a
 * zone the request validation accepted always works here (Postgres's own zone list can differ).
 */

const HOUR = 3_600_000;

export interface LocalDays {
  /** `YYYY-MM-DD`, oldest first, today last */
  dates: string[];
  /** the first instant of each date, and after them the first instant of tomorrow */
  bounds: Date[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's wall clock at instant `t`, written as if it were UTC (whole seconds). */
function wallAt(t: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(t))) p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

const offsetAt = (t: number, zone: string): number => wallAt(t, zone) - Math.floor(t / 1000) * 1000;

/**
 * The first instant whose local date is the one starting at `wall` (midnight written as UTC).
 * The offsets a day and a half either side cover a clock change on that day; where midnight is
 * skipped (clocks jump 00:00 → 01:00) the day starts at 01:00, where it repeats, at the first one.
 */
export function startOfLocalDay(wall: number, zone: string): number {
  const candidates = [wall - offsetAt(wall - 36 * HOUR, zone), wall - offsetAt(wall + 36 * HOUR, zone)];
  const valid = candidates.filter((c) => wallAt(c, zone) >= wall);
  return valid.length ? Math.min(...valid) : wall - offsetAt(wall, zone);
}

/** The last `count` local dates in `zone` up to and including today (at `now`). */
export function lastLocalDays(now: Date, count: number, zone: string): LocalDays {
  const today = new Date(wallAt(now.getTime(), zone));
  const walls = Array.from({ length: count + 1 }, (_, i) =>
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (count - 1) + i),
  );
  return {
    dates: walls.slice(0, count).map((w) => new Date(w).toISOString().slice(0, 10)),
    bounds: walls.map((w) => new Date(startOfLocalDay(w, zone))),
  };
}
