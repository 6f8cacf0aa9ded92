// Explore's control panel: colour compounds by an attribute, switch layers (and pipe kinds) on
// and off, and filter compounds by 街道, build year, households, management and eligibility.
import type { DatasetResponse } from '../../server/domain/api.ts';
import { MANAGEMENT, PIPE_KINDS, type Management, type PipeKind } from '../../server/domain/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { PIPE_COLOURS } from '../map/layers.ts';
import { RangeInputs } from './RangeInputs.tsx';
import { COLOUR_BY, TOGGLES, defaultFilters, type ColourBy, type ExploreState, type Filters, type Scope } from './state.ts';

interface Props {
  dataset: DatasetResponse;
  state: ExploreState;
  onChange(next: ExploreState): void;
  shown: number;
  total: number;
}

/** Adds or removes one item, keeping the order of `all`. */
function toggled<T>(all: readonly T[], selected: T[], item: T, on: boolean): T[] {
  return all.filter((x) => (x === item ? on : selected.includes(x)));
}

const SCOPES: Scope[] = ['all', 'old', 'eligible'];

export function LayerPanel({ dataset, state, onChange, shown, total }: Props) {
  const { t } = useI18n();
  const f = state.filters;
  const setFilters = (patch: Partial<Filters>) => onChange({ ...state, filters: { ...f, ...patch } });
  const scopeLabel: Record<Scope, string> = { all: t.filters.scopeAll, old: t.filters.scopeOld, eligible: t.filters.scopeEligible };

  return (
    <section className="card layer-panel" data-testid="layer-panel" aria-label={t.layers.title}>
      <label className="field">
        <span className="card-title">{t.colourBy.title}</span>
        <select
          data-testid="colour-by" value={state.colourBy}
          onChange={(e) => onChange({ ...state, colourBy: e.target.value as ColourBy })}
        >
          {COLOUR_BY.map((c) => <option key={c} value={c}>{t.colourBy[c]}</option>)}
        </select>
      </label>

      <details open>
        <summary className="card-title">{t.layers.title}</summary>
        <ul className="toggles">
          {TOGGLES.map((name) => (
            <li key={name}>
              <label>
                <input
                  type="checkbox" data-testid={`toggle-${name}`} checked={state.visible[name]}
                  onChange={(e) => onChange({ ...state, visible: { ...state.visible, [name]: e.target.checked } })}
                />
                {t.layers[name]}
              </label>
              {name === 'pipes' && state.visible.pipes && (
                <ul className="sub-toggles">
                  {PIPE_KINDS.map((k: PipeKind) => (
                    <li key={k}>
                      <label>
                        <input
                          type="checkbox" data-testid={`pipe-${k}`} checked={state.pipeKinds.includes(k)}
                          onChange={(e) => onChange({ ...state, pipeKinds: toggled(PIPE_KINDS, state.pipeKinds, k, e.target.checked) })}
                        />
                        <span className="swatch-line" style={{ background: PIPE_COLOURS[k] }} />
                        {t.enums.pipeKind[k]}
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </details>

      <details open>
        <summary className="card-title">{t.filters.title}</summary>
        <p className="shown" data-testid="shown-count">{t.filters.shown(shown, total)}</p>

        <fieldset className="checks">
          <legend>
            {t.filters.subdistricts}
            <button type="button" className="link" onClick={() => setFilters({ subdistricts: [...dataset.subdistricts] })}>{t.filters.all}</button>
            <button type="button" className="link" onClick={() => setFilters({ subdistricts: [] })}>{t.filters.none}</button>
          </legend>
          {dataset.subdistricts.map((s) => (
            <label key={s}>
              <input
                type="checkbox" checked={f.subdistricts.includes(s)}
                onChange={(e) => setFilters({ subdistricts: toggled(dataset.subdistricts, f.subdistricts, s, e.target.checked) })}
              />
              {s}
            </label>
          ))}
        </fieldset>

        <RangeInputs
          label={t.filters.buildYear} fromLabel={t.filters.from} toLabel={t.filters.to} testId="filter-year"
          bounds={dataset.buildYearRange} value={f.buildYear} onChange={(buildYear) => setFilters({ buildYear })}
        />
        <RangeInputs
          label={t.filters.households} fromLabel={t.filters.from} toLabel={t.filters.to} testId="filter-households"
          bounds={dataset.householdsRange} value={f.households} onChange={(households) => setFilters({ households })}
        />

        <fieldset className="checks">
          <legend>{t.filters.management}</legend>
          {MANAGEMENT.map((m: Management) => (
            <label key={m}>
              <input
                type="checkbox" checked={f.management.includes(m)}
                onChange={(e) => setFilters({ management: toggled(MANAGEMENT, f.management, m, e.target.checked) })}
              />
              {t.enums.management[m]}
            </label>
          ))}
        </fieldset>

        <fieldset className="checks">
          <legend>{t.filters.scope}</legend>
          {SCOPES.map((s) => (
            <label key={s}>
              <input type="radio" name="scope" data-testid={`scope-${s}`} checked={f.scope === s} onChange={() => setFilters({ scope: s })} />
              {scopeLabel[s]}
            </label>
          ))}
        </fieldset>

        <button type="button" className="button" data-testid="reset-filters" onClick={() => onChange({ ...state, filters: defaultFilters(dataset) })}>
          {t.filters.reset}
        </button>
      </details>
    </section>
  );
}
