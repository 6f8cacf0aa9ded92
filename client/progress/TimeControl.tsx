// The time slider: month ends over the data's date range, a play/pause button that steps through
// them, and an exact date for a report "截至" any day.
import { useI18n } from '../i18n/index.tsx';
import { dateFormatter, stepIndex } from './dates.ts';

interface Props {
  steps: string[];
  date: string;
  onDate(date: string): void;
  playing: boolean;
  onPlaying(on: boolean): void;
  busy: boolean;
}

export function TimeControl({ steps, date, onDate, playing, onPlaying, busy }: Props) {
  const { t } = useI18n();
  const long = dateFormatter(t.locale, 'long');
  const month = dateFormatter(t.locale, 'month');
  const i = stepIndex(steps, date);
  const last = steps.length - 1;
  return (
    <div className="time-control" data-testid="time-control">
      <div className="time-head">
        <button
          type="button" className="play" onClick={() => onPlaying(!playing)} disabled={steps.length < 2}
          aria-label={playing ? t.progress.time.pause : t.progress.time.play} title={playing ? t.progress.time.pause : t.progress.time.play} data-testid="play"
        >{playing ? '❚❚' : '▶'}</button>
        <div className="time-date">
          <span className="muted">{t.progress.time.asOf}</span>
          <strong data-testid="progress-date" data-date={date} aria-live="polite">{long(date)}</strong>
        </div>
        {busy && <span className="spinner" aria-label={t.progress.loading} />}
      </div>
      <input
        type="range" min={0} max={Math.max(0, last)} step={1} value={i} disabled={steps.length < 2}
        onChange={(e) => { onPlaying(false); onDate(steps[Number(e.target.value)]); }}
        aria-label={t.progress.time.slider} aria-valuetext={long(steps[i] ?? date)} data-testid="time-slider"
      />
      <div className="time-ends">
        <span>{steps.length ? month(steps[0]) : ''}</span>
        <label className="time-exact">
          <span className="sr-only">{t.progress.time.exact}</span>
          <input type="date" value={date} min={steps[0]} onChange={(e) => { if (e.target.value) { onPlaying(false); onDate(e.target.value); } }} data-testid="date-input" title={t.progress.time.exact} />
        </label>
        <span>{steps.length ? month(steps[last]) : ''}</span>
      </div>
    </div>
  );
}
