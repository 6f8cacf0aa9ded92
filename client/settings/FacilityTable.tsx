// The facility standards table (服务设施标准, issue 5 §2): every amenity kind with its life-circle
// level, the standard's walking radius (server/domain/facilities.ts, from GB 50180-2018 with the
// source's confidence mark), the radius the analyses use (the facilityRadiiM setting, editable
// here), the walking minutes at the walkingSpeedMPerMin setting, and the capacity demand.
// A modal dialog opened from the header in every mode; saving is one version-guarded PUT.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { SettingsResponse } from '../../server/domain/api.ts';
import { FACILITY_STANDARDS, type FacilityStandard, type LifeCircle } from '../../server/domain/facilities.ts';
import { AMENITY_KINDS, type AmenityKind } from '../../server/domain/model.ts';
import { Settings } from '../../server/domain/settings.ts';
import { ApiRequestError, type Api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';

// The limits come from the server's own schema, so the inline check and the server agree.
const RADIUS = Settings.shape.facilityRadiiM.valueType;
const SPEED = Settings.shape.walkingSpeedMPerMin;
const LEVEL_ORDER: LifeCircle[] = ['15min', '10min', '5min', 'block'];
/** Every kind, the widest life circle first, the table's own order within a level. */
const KINDS: AmenityKind[] = LEVEL_ORDER.flatMap((level) => AMENITY_KINDS.filter((k) => FACILITY_STANDARDS[k].level === level));

interface Host {
  api: Api;
  /** Called after a successful save, so the app can fetch what the new settings change. */
  onSaved(): void;
}
const StandardsContext = createContext<Host | null>(null);

/** Makes the header's 服务标准 button available below it (the app provides it once data is loaded). */
export function StandardsProvider({ api, onSaved, children }: Host & { children: ReactNode }) {
  const value = useMemo(() => ({ api, onSaved }), [api, onSaved]);
  return <StandardsContext.Provider value={value}>{children}</StandardsContext.Provider>;
}

/** The header button that opens the dialog; nothing where no StandardsProvider is above it. */
export function StandardsButton() {
  const host = useContext(StandardsContext);
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Focus goes back where it came from, once the modal dialog (which makes the page inert) is gone.
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const close = useCallback(() => setOpen(false), []);
  if (!host) return null;
  return (
    <>
      <button
        ref={button} type="button" className="header-button" data-testid="open-standards" title={t.standards.openHint}
        aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}
      >{t.standards.open}</button>
      {open && createPortal(<FacilityTable api={host.api} onSaved={host.onSaved} onClose={close} />, document.body)}
    </>
  );
}

/** Normalises full-width digits (a Chinese IME's ５００) and spaces before parsing. */
function toNumber(text: string): number {
  return Number(text.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** A radius draft: '' uses the standard (value null); otherwise a number the schema accepts. */
function parseRadius(text: string): { ok: boolean; value: number | null } {
  if (text.trim() === '') return { ok: true, value: null };
  const n = toNumber(text);
  return RADIUS.safeParse(n).success ? { ok: true, value: n } : { ok: false, value: null };
}

function parseSpeed(text: string): number | null {
  const n = toNumber(text);
  return text.trim() !== '' && SPEED.safeParse(n).success ? n : null;
}

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; base: SettingsResponse };
type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'conflict' } | { kind: 'error'; message: string };

interface Props extends Host {
  onClose(): void;
}

export function FacilityTable({ api, onSaved, onClose }: Props) {
  const { t, num } = useI18n();
  const l = t.standards;
  const dialog = useRef<HTMLDialogElement>(null);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [drafts, setDrafts] = useState<Partial<Record<AmenityKind, string>>>({});
  const [speed, setSpeed] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    const d = dialog.current!;
    if (!d.open) d.showModal();
    return () => d.close();
  }, []);

  // The settings (and their version) as they are when the dialog opens, or on 重新载入.
  const read = useCallback(async (signal?: AbortSignal) => {
    try {
      const base = await api.settings(signal);
      setDrafts(Object.fromEntries(KINDS.map((k) => [k, base.settings.facilityRadiiM[k] == null ? '' : String(base.settings.facilityRadiiM[k])])));
      setSpeed(String(base.settings.walkingSpeedMPerMin));
      setStatus({ kind: 'idle' });
      setLoad({ kind: 'ready', base });
    } catch (err) {
      if (!signal?.aborted) setLoad({ kind: 'error', message: (err as Error).message });
    }
  }, [api]);
  useEffect(() => {
    const ctrl = new AbortController();
    void read(ctrl.signal);
    return () => ctrl.abort();
  }, []); // read once on open: a language switch (a new api) keeps the drafts

  const base = load.kind === 'ready' ? load.base.settings : null;
  const speedValue = parseSpeed(speed);
  const rows = useMemo(() => KINDS.map((kind) => {
    const standard: FacilityStandard = FACILITY_STANDARDS[kind];
    const draft = drafts[kind] ?? '';
    const parsed = parseRadius(draft);
    const saved = base?.facilityRadiiM[kind] ?? standard.radiusM;
    const effective = parsed.ok ? parsed.value ?? standard.radiusM : null;
    return { kind, standard, draft, valid: parsed.ok, effective, changed: !parsed.ok || effective !== saved };
  }), [drafts, base]);
  const speedChanged = base !== null && speedValue !== base.walkingSpeedMPerMin;
  const invalid = rows.some((r) => !r.valid) || speedValue === null;
  const changes = rows.filter((r) => r.changed).length + (speedChanged ? 1 : 0);
  const shownSpeed = speedValue ?? base?.walkingSpeedMPerMin ?? null;

  async function save() {
    if (load.kind !== 'ready' || invalid || changes === 0) return;
    const patch: Partial<Settings> = {};
    if (rows.some((r) => r.changed)) {
      // Only radii that differ from the standard are overrides; an empty field or the standard's own value is none.
      const radii: Settings['facilityRadiiM'] = {};
      for (const r of rows) if (r.effective !== null && r.effective !== r.standard.radiusM) radii[r.kind] = r.effective;
      patch.facilityRadiiM = radii;
    }
    if (speedChanged) patch.walkingSpeedMPerMin = speedValue!;
    setStatus({ kind: 'saving' });
    try {
      await api.saveSettings(load.base.version, patch);
    } catch (err) {
      setStatus(err instanceof ApiRequestError && err.code === 'stale_version' ? { kind: 'conflict' } : { kind: 'error', message: (err as Error).message });
      return;
    }
    onSaved();
    onClose();
  }

  const radiusError = (kind: AmenityKind) => `standard-error-${kind}`;
  return (
    <dialog
      ref={dialog} className="standards-dialog" role="dialog" aria-modal="true" aria-labelledby="standards-title" data-testid="standards-dialog"
      onCancel={(e) => { e.preventDefault(); onClose(); }}
      onKeyDown={(e) => e.stopPropagation()} // the modes' own keys (Esc deselects, Ctrl+Z undoes) stay out of the dialog
    >
      <form className="standards-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <div className="standards-head">
          <h2 id="standards-title">{l.title}</h2>
          <button type="button" className="close" aria-label={l.close} title={l.close} onClick={onClose}>×</button>
        </div>
        <p className="note standards-intro">{l.intro}</p>
        {load.kind === 'loading' && <p className="muted standards-body">{l.loading}</p>}
        {load.kind === 'error' && <p className="form-error standards-body" role="alert">{load.message}</p>}
        {load.kind === 'ready' && (
          <>
            <div className={speedChanged ? 'standards-speed changed' : 'standards-speed'}>
              <label>
                {l.walkingSpeed}
                <input
                  type="text" inputMode="decimal" value={speed} data-testid="walking-speed" aria-invalid={speedValue === null}
                  aria-describedby="standards-speed-note" onChange={(e) => setSpeed(e.target.value)}
                />
              </label>
              {speedValue === null
                ? <span className="form-error" id="standards-speed-note" role="alert">{l.invalidSpeed(num(SPEED.maxValue ?? 0))}</span>
                : <span className="note" id="standards-speed-note">{l.walkingSpeedHint}</span>}
            </div>
            <div className="standards-scroll">
              <table className="standards-table" data-testid="standards-table">
                <thead>
                  <tr>
                    <th scope="col">{l.columns.kind}</th>
                    <th scope="col">{l.columns.level}</th>
                    <th scope="col" className="num">{l.columns.standard}</th>
                    <th scope="col" className="radius">{l.columns.radius}</th>
                    <th scope="col" className="num">{l.columns.minutes}</th>
                    <th scope="col" className="num" title={l.capacityHint}>{l.columns.capacity}</th>
                    <th scope="col" className="mark">{l.columns.confidence}</th>
                    <th scope="col">{l.columns.source}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const name = t.enums.amenityKind[r.kind];
                    const capacity = base?.capacityPerHousehold[r.kind];
                    const standard = r.standard.radiusM === null ? null : l.metres(num(r.standard.radiusM));
                    return (
                      <tr key={r.kind} className={r.changed ? 'changed' : undefined} data-testid={`standard-${r.kind}`} data-changed={r.changed || undefined}>
                        <th scope="row">{name}</th>
                        <td>{l.level[r.standard.level]}</td>
                        <td className="num">{standard ?? <span className="muted">{l.unset}</span>}</td>
                        <td className="radius">
                          <input
                            type="text" inputMode="decimal" value={r.draft} placeholder={standard ?? l.unset}
                            aria-label={l.radiusLabel(name)} aria-invalid={!r.valid} aria-describedby={r.valid ? undefined : radiusError(r.kind)}
                            data-testid={`radius-${r.kind}`}
                            onChange={(e) => { const v = e.target.value; setDrafts((d) => ({ ...d, [r.kind]: v })); }}
                          />
                          {!r.valid && (
                            <span className="form-error" id={radiusError(r.kind)} role="alert">
                              {l.invalidRadius(num(RADIUS.minValue ?? 0), num(RADIUS.maxValue ?? 0))}
                            </span>
                          )}
                        </td>
                        <td className="num" data-testid={`minutes-${r.kind}`}>
                          {r.effective !== null && shownSpeed
                            ? l.minutes(num(r.effective / shownSpeed, 1))
                            : <span className="muted">{r.valid ? l.notAnalysed : '—'}</span>}
                        </td>
                        <td className="num" title={capacity == null ? undefined : l.capacityHint}>
                          {capacity == null ? <span className="muted">—</span> : l.perHousehold(num(capacity, 3))}
                        </td>
                        <td className="mark">
                          <span
                            className={`confidence c-${r.standard.confidence === '✔' ? 'ok' : 'unverified'}`} tabIndex={0}
                            title={l.confidence[r.standard.confidence]} aria-label={l.confidence[r.standard.confidence]}
                            data-testid={`confidence-${r.kind}`}
                          >{r.standard.confidence}</span>
                        </td>
                        <td className="source"><span title={r.standard.source}>{r.standard.source}</span></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="note standards-legend">{l.confidenceNote}</p>
          </>
        )}
        <div className="standards-actions">
          <span className="standards-status" aria-live="polite" data-testid="standards-status">
            {status.kind === 'conflict' && <span className="form-error" role="alert" data-testid="standards-conflict">{l.conflict}</span>}
            {status.kind === 'error' && <span className="form-error" role="alert" data-testid="standards-error">{status.message}</span>}
            {status.kind !== 'conflict' && status.kind !== 'error' && load.kind === 'ready' && (
              invalid ? <span className="form-error">{l.invalidSummary}</span> : <span className="note">{changes ? l.changed(changes) : l.unchanged}</span>
            )}
          </span>
          {status.kind === 'conflict' ? (
            <button type="button" className="button primary" data-testid="standards-reload" onClick={() => void read()}>{l.reload}</button>
          ) : (
            <button type="submit" className="button primary" data-testid="standards-save" disabled={load.kind !== 'ready' || invalid || changes === 0 || status.kind === 'saving'}>
              {status.kind === 'saving' ? l.saving : l.save}
            </button>
          )}
          <button
            type="button" className="button" data-testid="standards-reset" title={l.resetHint} disabled={load.kind !== 'ready'}
            onClick={() => setDrafts(Object.fromEntries(KINDS.map((k) => [k, ''])))}
          >{l.reset}</button>
          <button type="button" className="button" data-testid="standards-cancel" onClick={onClose}>{l.cancel}</button>
        </div>
      </form>
    </dialog>
  );
}
