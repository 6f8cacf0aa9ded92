// Dates as the server speaks them (YYYY-MM-DD, calendar dates with no time zone) and the slider's
// monthly steps: the last day of each month, as monthly progress reports count "截至月底".

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The last day of month `m` (1–12) of year `y`. */
export function monthEnd(y: number, m: number): string {
  return isoDate(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

/** The last day of every month from the month of `from` to the month of `to`, both included. */
export function monthEnds(from: string, to: string): string[] {
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const ty = Number(to.slice(0, 4));
  const tm = Number(to.slice(5, 7));
  const out: string[] = [];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(monthEnd(y, m));
    m += 1;
    if (m > 12) { m = 1; y += 1; }
    if (out.length > 1200) break; // a century of months: the data is wrong, not the loop
  }
  return out;
}

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** The step at or before `date` (the first step when `date` is before them all). */
export function stepIndex(steps: string[], date: string): number {
  let i = 0;
  while (i + 1 < steps.length && steps[i + 1] <= date) i += 1;
  return i;
}

export function dateFormatter(locale: string, style: 'long' | 'month' = 'long'): (iso: string) => string {
  const f = new Intl.DateTimeFormat(locale, style === 'long'
    ? { dateStyle: 'long', timeZone: 'UTC' }
    : { year: 'numeric', month: 'short', timeZone: 'UTC' });
  return (iso) => {
    const d = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
}
