// What a progress report URL asks for (/progress/report?subdistrict=…|package=…&date=…&batch=…&year=…);
// read in the entry, so it stays out of the report's own chunk.
import { today } from '../dates.ts';

export interface ReportParams {
  subdistrict: string | null;
  package: string | null;
  date: string;
  batch: string | null;
  year: number | null;
}

export function reportParams(search: string): ReportParams {
  const q = new URLSearchParams(search);
  const year = Number(q.get('year'));
  const date = q.get('date') ?? '';
  return {
    subdistrict: q.get('subdistrict') || null,
    package: q.get('package') || null,
    date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : today(),
    batch: q.get('batch') || null,
    year: Number.isInteger(year) && year > 0 ? year : null,
  };
}
