// The suggestion form (the rule settings for this run and the engine's options) and its results:
// the suggested packages to accept or reject, and the small sites no package could take, with why.
import { useState } from 'react';
import { PACKAGING_ATTRS, type PackagingAttr } from '../../server/analysis/packaging.ts';
import { ROAD_CLASSES, type RoadClass } from '../../server/domain/model.ts';
import type { Settings } from '../../server/domain/settings.ts';
import type { SuggestRequest } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { PALETTE } from './colours.ts';
import { PAGE } from './PackageList.tsx';
import type { Suggestion, SuggestionRun } from './useSuggestions.ts';

/** The settings a suggestion run may change for itself; the others come from the saved ones. */
export const RUN_SETTINGS = ['minHouseholds', 'gapToleranceM', 'barrierRoadClasses', 'sameSubdistrict', 'eligibilityCutoffYear'] as const;
type RunSettings = Pick<Settings, (typeof RUN_SETTINGS)[number]>;

interface Form extends RunSettings {
  attrs: PackagingAttr[];
  compact: boolean;
  maxHouseholds: string;
  maxCommunities: string;
}

interface Props {
  saved: Settings;
  run: SuggestionRun | null;
  busy: boolean;
  error: string | null;
  colourOf: Map<string, number>;
  selectedKey: string | null;
  showLinks: boolean;
  saving: boolean;
  onRun(request: SuggestRequest): void;
  onSaveSettings(s: Partial<Settings>): void;
  onSelect(s: Suggestion): void;
  onAccept(items: Suggestion[]): void;
  onReject(s: Suggestion): void;
  onShowLinks(on: boolean): void;
  onFlyTo(id: string): void;
}

const sameSettings = (a: RunSettings, b: RunSettings) =>
  RUN_SETTINGS.every((k) => JSON.stringify(k === 'barrierRoadClasses' ? [...a[k]].sort() : a[k]) === JSON.stringify(k === 'barrierRoadClasses' ? [...b[k]].sort() : b[k]));

const pickRun = (s: Settings): RunSettings => Object.fromEntries(RUN_SETTINGS.map((k) => [k, s[k]])) as unknown as RunSettings;

export function SuggestPanel(p: Props) {
  const { t, num, lang } = useI18n();
  const [form, setForm] = useState<Form>(() => ({ ...pickRun(p.saved), attrs: ['buildYear'], compact: true, maxHouseholds: '', maxCommunities: '' }));
  const [limit, setLimit] = useState(PAGE);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const toggleIn = <T,>(xs: T[], x: T, on: boolean) => (on ? [...xs, x] : xs.filter((y) => y !== x));

  const submit = () => {
    const cap = (s: string) => (s.trim() === '' ? undefined : Math.max(1, Math.round(Number(s))));
    p.onRun({
      settings: pickRun(form as unknown as Settings),
      attrs: form.attrs.length ? form.attrs : undefined,
      compact: form.compact,
      maxHouseholds: cap(form.maxHouseholds),
      maxCommunities: cap(form.maxCommunities),
    });
  };
  const run = p.run;
  const ranWith = run ? pickRun(run.result.settings) : null;
  const differs = ranWith !== null && !sameSettings(ranWith, pickRun(p.saved));
  const stats = run?.result.stats;

  return (
    <section className="card pkg-card suggest-panel" aria-label={t.pkg.suggestTitle}>
      <details open={!run} className="suggest-form">
        <summary>{t.pkg.settingsTitle}</summary>
        <form onSubmit={(e) => { e.preventDefault(); submit(); }} className="form-grid">
          <label>{t.pkg.minHouseholds}
            <input type="number" min={1} max={10000} value={form.minHouseholds} data-testid="form-min-households"
              onChange={(e) => set('minHouseholds', Number(e.target.value))} />
          </label>
          <label>{t.pkg.gapTolerance}
            <input type="number" min={0} max={500} value={form.gapToleranceM} onChange={(e) => set('gapToleranceM', Number(e.target.value))} />
          </label>
          <label>{t.pkg.cutoffYear}
            <input type="number" min={1949} max={2100} value={form.eligibilityCutoffYear} onChange={(e) => set('eligibilityCutoffYear', Number(e.target.value))} />
          </label>
          <fieldset>
            <legend>{t.pkg.barriers}</legend>
            <div className="checks">
              {ROAD_CLASSES.map((c: RoadClass) => (
                <label key={c}><input type="checkbox" checked={form.barrierRoadClasses.includes(c)}
                  onChange={(e) => set('barrierRoadClasses', toggleIn(form.barrierRoadClasses, c, e.target.checked))} />{t.enums.roadClass[c]}</label>
              ))}
            </div>
            <p className="note">{t.pkg.barriersNote}</p>
          </fieldset>
          <label className="inline"><input type="checkbox" checked={form.sameSubdistrict} onChange={(e) => set('sameSubdistrict', e.target.checked)} />{t.pkg.sameSubdistrict}</label>
          <fieldset>
            <legend>{t.pkg.caps}</legend>
            <div className="pair">
              <label>{t.pkg.maxHouseholds}<input type="number" min={1} placeholder={t.pkg.noCap} value={form.maxHouseholds} onChange={(e) => set('maxHouseholds', e.target.value)} /></label>
              <label>{t.pkg.maxCommunities}<input type="number" min={1} placeholder={t.pkg.noCap} value={form.maxCommunities} onChange={(e) => set('maxCommunities', e.target.value)} /></label>
            </div>
          </fieldset>
          <fieldset>
            <legend>{t.pkg.attrs}</legend>
            <div className="checks">
              {PACKAGING_ATTRS.map((a) => (
                <label key={a}><input type="checkbox" checked={form.attrs.includes(a)} onChange={(e) => set('attrs', toggleIn(form.attrs, a, e.target.checked))} />{t.pkg.attr[a]}</label>
              ))}
              <label><input type="checkbox" checked={form.compact} onChange={(e) => set('compact', e.target.checked)} />{t.pkg.compact}</label>
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={p.busy} data-testid="run-suggestions">{p.busy ? t.pkg.running : t.pkg.run}</button>
            <button type="button" className="link" onClick={() => setForm((f) => ({ ...f, ...pickRun(p.saved) }))}>{t.pkg.useSaved}</button>
          </div>
        </form>
      </details>
      {p.error && <p className="error" role="alert">{p.error}</p>}
      {run && stats && (
        <div className="suggest-results">
          <p className="summary" data-testid="suggestions-summary">
            {t.pkg.summary(run.items.length, run.result.packages.length, stats.placedSmall, stats.small, run.result.unplaced.length)}
            <span className="muted"> · {t.pkg.took(num(stats.ms), num(run.ms))}</span>
          </p>
          {differs && (
            <div className="warn-box">
              <p>{t.pkg.settingsDiffer}</p>
              <button type="button" className="button" disabled={p.saving} onClick={() => p.onSaveSettings(ranWith!)}>{t.pkg.saveAsRules}</button>
            </div>
          )}
          <div className="row-actions">
            <button type="button" className="button primary" disabled={!run.items.length} data-testid="accept-all" onClick={() => p.onAccept(run.items)}>{t.pkg.acceptAll(run.items.length)}</button>
            <label className="inline"><input type="checkbox" checked={p.showLinks} onChange={(e) => p.onShowLinks(e.target.checked)} data-testid="show-links" />{t.pkg.showLinks}</label>
          </div>
          <ol className="pkg-list" data-testid="suggestion-list">
            {run.items.slice(0, limit).map((s) => (
              <li key={s.key} data-testid="suggestion-item" className={s.key === p.selectedKey ? 'on' : undefined}>
                <button type="button" className="item-main" onClick={() => p.onSelect(s)}>
                  <span className="swatch" style={{ background: PALETTE[p.colourOf.get(s.key) ?? 0] }} />
                  <span className="item-name">{s.members[0] && t.pkg.suggestionName(s.members.reduce((a, b) => (b.households > a.households ? b : a)).name, s.communityCount)}</span>
                  <span className="item-figures">{t.pkg.households(num(s.households))} · {s.subdistrict}</span>
                </button>
                <span className="item-actions">
                  <button type="button" className="mini" data-testid="accept-one" onClick={() => p.onAccept([s])}>{t.pkg.accept}</button>
                  <button type="button" className="mini" data-testid="reject-one" onClick={() => p.onReject(s)}>{t.pkg.reject}</button>
                </span>
              </li>
            ))}
          </ol>
          {run.items.length > limit && <button type="button" className="link more" onClick={() => setLimit((n) => n + PAGE)}>{t.pkg.showMore(Math.min(PAGE, run.items.length - limit))}</button>}
          {run.result.unplaced.length > 0 && (
            <details className="unplaced">
              <summary>{t.pkg.unplacedTitle(run.result.unplaced.length)}</summary>
              <ul>
                {run.result.unplaced.slice(0, limit).map((u) => (
                  <li key={u.id}>
                    <button type="button" className="link" onClick={() => p.onFlyTo(u.id)}>{u.name}</button> {t.pkg.households(num(u.households))}
                    <p className="note">{lang === "en" ? u.messageEn : u.message}</p>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
