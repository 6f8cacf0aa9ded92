// Everything known about one compound, in the current language (GET /api/communities/:id).
import type { ReactNode } from 'react';
import type { CommunityDetail } from '../../server/domain/api.ts';
import { AttributeList } from '../AttributeList.tsx';
import { useI18n } from '../i18n/index.tsx';
import { STATUS_COLOURS } from '../map/colouring.ts';

export type PanelState =
  | { kind: 'loading'; id: string }
  | { kind: 'error'; id: string; message: string }
  | { kind: 'ready'; detail: CommunityDetail };

interface Props {
  state: PanelState;
  onClose(): void;
}

export function CommunityPanel({ state, onClose }: Props) {
  const { t } = useI18n();

  return (
    <aside className="card community-panel" data-testid="community-panel" aria-live="polite">
      <button type="button" className="close" aria-label={t.panel.close} title={t.panel.close} data-testid="panel-close" onClick={onClose}>×</button>
      {state.kind === 'loading' && <p className="muted">{t.panel.loading}</p>}
      {state.kind === 'error' && <p className="error" role="alert">{state.message}</p>}
      {state.kind === 'ready' && <Details detail={state.detail} />}
    </aside>
  );
}

function Details({ detail }: { detail: CommunityDetail }) {
  const { t, num } = useI18n();
  const p = detail.feature.properties;
  const l = t.panel;
  const yesNo = (b: boolean) => (b ? l.yes : l.no);
  const rows: [string, ReactNode][] = [
    [l.name, p.name],
    [l.aliases, p.aliases.length ? p.aliases.join('、') : l.none],
    [l.subdistrict, p.subdistrict],
    [l.neighborhood, p.neighborhood ?? l.none],
    [l.households, <span data-testid="panel-households">{l.householdsValue(num(p.households))}</span>],
    [l.buildings, l.buildingsValue(num(p.buildings))],
    [l.floorArea, l.squareMetres(num(p.floorArea))],
    [l.buildYear, l.yearValue(p.buildYear)],
    [l.management, t.enums.management[p.management]],
    [l.isOld, yesNo(p.isOld)],
    [l.eligible, <span className={p.eligible ? 'badge good' : 'badge'}>{yesNo(p.eligible)} · {t.enums.eligibility[p.eligibility]}</span>],
    [l.renovatedYear, p.renovatedYear != null ? l.yearValue(p.renovatedYear) : l.notRenovated],
    [l.needs, p.needs.length ? (
      <ul className="chips">{p.needs.map((n) => <li key={n}>{t.enums.need[n]}</li>)}</ul>
    ) : l.none],
    [l.gates, l.gatesValue(p.gates.length)],
    [l.package, p.packageId ? (
      <span>
        {p.packageName ?? p.packageId}{' '}
        {p.packageStatus && (
          <span className="badge" style={{ background: STATUS_COLOURS[p.packageStatus] }}>{t.enums.status[p.packageStatus]}</span>
        )}
      </span>
    ) : l.none],
    [l.siteArea, l.squareMetres(num(detail.siteArea))],
    [l.far, num(detail.far, 2)],
    [l.note, p.note ?? l.none],
  ];
  return (
    <>
      <h2 data-testid="panel-title">{p.name}</h2>
      <p className="muted">{p.subdistrict}{p.neighborhood ? ` · ${p.neighborhood}` : ''}</p>
      <AttributeList className="attributes" rows={rows} />
    </>
  );
}
