// The legend of the map's colours in 进度: one swatch per status (in workflow order), then grey for
// compounds in no package on that date.
import { useI18n } from '../i18n/index.tsx';
import { NO_PACKAGE_COLOUR, statusColour } from '../map/colouring.ts';
import { useStatusLabel } from './Charts.tsx';
import type { StatusLabel } from './types.ts';

export function StatusLegend({ statuses, counts }: { statuses: StatusLabel[]; counts?: Map<string, number> }) {
  const { t, num } = useI18n();
  const label = useStatusLabel();
  return (
    <div className="status-legend" data-testid="status-legend">
      <h3>{t.progress.legend.title}</h3>
      <ul>
        {statuses.map((s, i) => (
          <li key={s.code} data-testid="status-legend-item" data-status={s.code}>
            <span className="swatch" style={{ background: statusColour(s.code, i) }} />{label(s)}
            {counts && <span className="legend-count">{num(counts.get(s.code) ?? 0)}</span>}
          </li>
        ))}
        <li><span className="swatch" style={{ background: NO_PACKAGE_COLOUR }} />{t.progress.legend.none}</li>
      </ul>
    </div>
  );
}
