// The scale bar and north arrow drawn over a printed map image (package and progress reports).
import { useI18n } from '../i18n/index.tsx';

export function MapMarks({ scale }: { scale: { fraction: number; label: string } | null }) {
  const { t } = useI18n();
  return (
    <>
      {scale && (
        <div className="report-scale" aria-hidden="true">
          <div className="report-scale-bar" style={{ width: `${(scale.fraction * 100).toFixed(3)}%` }} />
          <span>{scale.label}</span>
        </div>
      )}
      <div className="report-north" aria-label={t.report.north}>
        <svg viewBox="0 0 20 26" width="20" height="26" aria-hidden="true">
          <path d="M10 1 L17 22 L10 17 L3 22 Z" fill="#2b2522" />
          <path d="M10 1 L10 17 L3 22 Z" fill="#ffffff" stroke="#2b2522" strokeWidth="1" />
        </svg>
        <span>{t.report.north}</span>
      </div>
    </>
  );
}
