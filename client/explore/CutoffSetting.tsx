// The eligibility cut-off year, shown in the legend and changed in place: 2000 is the national
// rule (国办发〔2020〕23号), 2005 Jiangxi's. Saving recolours the map through the server's rules.
import { useState } from 'react';
import type { Settings } from '../../server/domain/settings.ts';
import { ApiRequestError, type Api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';

const PRESETS = [2000, 2005] as const;

interface Props {
  settings: Settings;
  api: Api;
  /** Called after a save or when the data must be reloaded (someone else saved first). */
  onChanged(): Promise<void>;
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'conflict' } | { kind: 'error'; message: string };

export function CutoffSetting({ settings, api, onChanged }: Props) {
  const { t } = useI18n();
  const l = t.cutoff;
  // The settings version seen when editing began: a save based on it loses to anyone who saved since.
  const [editing, setEditing] = useState<{ version: number } | null>(null);
  const [draft, setDraft] = useState(String(settings.eligibilityCutoffYear));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const year = Number(draft);
  const valid = Number.isInteger(year) && year >= 1949 && year <= 2100;

  async function edit() {
    try {
      const current = await api.settings();
      setDraft(String(current.settings.eligibilityCutoffYear));
      setEditing({ version: current.version });
    } catch (err) {
      setStatus({ kind: 'error', message: (err as Error).message });
    }
  }

  async function save(version: number) {
    setStatus({ kind: 'saving' });
    try {
      await api.saveSettings(version, { eligibilityCutoffYear: year });
      await onChanged();
      close();
    } catch (err) {
      setStatus(err instanceof ApiRequestError && err.code === 'stale_version' ? { kind: 'conflict' } : { kind: 'error', message: (err as Error).message });
    }
  }

  function close() {
    setEditing(null);
    setStatus({ kind: 'idle' });
  }

  if (!editing) {
    return (
      <p className="note" data-testid="cutoff">
        {t.legend.cutoff(settings.eligibilityCutoffYear)}{' '}
        <button type="button" className="link" data-testid="cutoff-edit" onClick={() => void edit()}>{l.edit}</button>
        {status.kind === 'error' && <span className="form-error" role="alert">{status.message}</span>}
      </p>
    );
  }
  return (
    <form className="cutoff-form" data-testid="cutoff-form" onSubmit={(e) => { e.preventDefault(); if (valid) void save(editing.version); }}>
      <label>
        {l.label}
        <input
          type="number" min={1949} max={2100} step={1} value={draft} data-testid="cutoff-input" aria-invalid={!valid}
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <div className="presets">
        {PRESETS.map((p) => (
          <button key={p} type="button" className="link" onClick={() => setDraft(String(p))}>{l.preset[p]}</button>
        ))}
      </div>
      {!valid && <p className="form-error" role="alert">{l.invalid}</p>}
      {status.kind === 'conflict' && <p className="form-error" role="alert" data-testid="cutoff-conflict">{l.conflict}</p>}
      {status.kind === 'error' && <p className="form-error" role="alert">{status.message}</p>}
      <div className="form-actions">
        {status.kind === 'conflict' ? (
          <button type="button" className="button" data-testid="cutoff-reload" onClick={() => { void onChanged(); close(); }}>{l.reload}</button>
        ) : (
          <button type="submit" className="button primary" data-testid="cutoff-save" disabled={!valid || status.kind === 'saving'}>
            {status.kind === 'saving' ? l.saving : l.save}
          </button>
        )}
        <button type="button" className="link" onClick={close}>{l.cancel}</button>
      </div>
      <p className="note">{l.help}</p>
    </form>
  );
}
