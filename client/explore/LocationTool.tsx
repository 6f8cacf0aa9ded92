// "Where would a new facility help most": greedy maximal coverage over street nodes and compound
// edges in a 街道, with each site's gain in households; picking a row flies the map to the site.
import { useState } from 'react';
import type { LocationResponse } from '../../server/domain/api.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';

interface Props {
  api: Api;
  kind: string;
  subdistricts: string[];
  result: LocationResponse | null;
  onResult(r: LocationResponse | null): void;
  onFly(lonLat: [number, number]): void;
}

export function LocationTool({ api, kind, subdistricts, result, onResult, onFly }: Props) {
  const { t, num } = useI18n();
  const g = t.gaps;
  const [area, setArea] = useState(subdistricts[0] ?? '');
  const [count, setCount] = useState(3);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      onResult(await api.location({ kind, subdistrict: area, count }));
    } catch (err) {
      onResult(null);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const shown = result?.kind === kind ? result : null;
  return (
    <details className="panel-section" open data-testid="location-tool">
      <summary className="card-title">{g.location}</summary>
      <div className="location-form">
        <label>{g.locationArea}
          <select value={area} onChange={(e) => setArea(e.target.value)} data-testid="location-area">
            {subdistricts.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>{g.locationCount}
          <input type="number" min={1} max={20} value={count} onChange={(e) => setCount(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} />
        </label>
        <button type="button" className="button primary" disabled={busy || !area} onClick={() => void run()} data-testid="location-run">
          {busy ? g.locationRunning : g.locationRun}
        </button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {shown && (
        <>
          <p className="note" data-testid="location-summary">
            {g.locationSummary(num(shown.uncovered.households), num(shown.coverable.households), num(shown.candidates))}
          </p>
          {shown.picks.length === 0 && <p className="muted">{g.locationNone}</p>}
          <ol className="picks" data-testid="location-picks">
            {shown.picks.map((p, i) => (
              <li key={`${p.lon},${p.lat}`} onClick={() => onFly([p.lon, p.lat])} title={p.covers.map((c) => c.name).join('、')}>
                <span className="pick-no">{i + 1}</span>
                {g.pick(i + 1, num(p.gainHouseholds), p.gainCommunities, num(p.cumulativeHouseholds))}
                <span className="note"> · {g.source[p.source]}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </details>
  );
}
