// The cost table in the report's toolbar: estimate per household or per m² of floor area, and the
// unit cost. It is a project setting (saved for everyone, version-guarded), so the printed basis
// is always the one on the server.
import { useEffect, useState } from 'react';
import type { Settings } from '../../server/domain/settings.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';

interface Props {
  api: Api;
  settings: Settings;
  onSaved(): void;
}

export function CostSettings({ api, settings, onSaved }: Props) {
  const { t } = useI18n();
  const [mode, setMode] = useState(settings.costMode);
  const unitOf = (m: Settings['costMode']) => (m === 'perHousehold' ? settings.unitCostPerHousehold : settings.unitCostPerSqm);
  const [unit, setUnit] = useState(String(unitOf(settings.costMode)));
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  useEffect(() => {
    setMode(settings.costMode);
    setUnit(String(unitOf(settings.costMode)));
  }, [settings]); // the form follows the saved settings

  const value = Number(unit);
  const valid = unit.trim() !== '' && Number.isFinite(value) && value >= 0;
  const changed = mode !== settings.costMode || value !== unitOf(mode);
  const save = async () => {
    setState({ busy: true, error: null });
    try {
      const { version } = await api.settings();
      await api.saveSettings(version, mode === 'perHousehold' ? { costMode: mode, unitCostPerHousehold: value } : { costMode: mode, unitCostPerSqm: value });
      setState({ busy: false, error: null });
      onSaved();
    } catch (err) {
      setState({ busy: false, error: (err as Error).message });
    }
  };

  return (
    <form className="cost-settings" data-testid="cost-settings" onSubmit={(e) => { e.preventDefault(); if (valid && changed) void save(); }}>
      <label>{t.report.costMode}
        <select value={mode} data-testid="cost-mode" onChange={(e) => {
          const m = e.target.value as Settings['costMode'];
          setMode(m);
          setUnit(String(unitOf(m)));
        }}>
          <option value="perHousehold">{t.report.costPerHousehold}</option>
          <option value="perFloorArea">{t.report.costPerSqm}</option>
        </select>
      </label>
      <input type="number" min={0} step="any" value={unit} onChange={(e) => setUnit(e.target.value)} aria-label={t.report.unitCost} data-testid="cost-unit" />
      <span>{mode === 'perHousehold' ? t.report.yuanPerHousehold : t.report.yuanPerSqm}</span>
      <button type="submit" className="report-button" disabled={!valid || !changed || state.busy} title={t.report.costSaveHint}>{t.report.costSave}</button>
      {state.error && <span className="cost-error" role="alert">{state.error}</span>}
    </form>
  );
}
