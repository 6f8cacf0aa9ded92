// Says plainly when the data set is synthetic (the demo): geometry and per-compound figures are
// generated, calibrated to published figures. The data set's own description is one click away.
import { useState } from 'react';
import type { DatasetMeta } from '../../server/domain/model.ts';
import { useI18n } from '../i18n/index.tsx';

export function DatasetBanner({ meta }: { meta: DatasetMeta }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(true);
  const [expanded, setExpanded] = useState(false);
  if (!meta.synthetic || !open) return null;
  return (
    <div className="banner" role="note" data-testid="synthetic-banner">
      <p>
        {t.banner.synthetic}{' '}
        <button type="button" className="link" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t.banner.less : t.banner.more}
        </button>
      </p>
      {expanded && (
        <div className="banner-details">
          <p className="description">{meta.description}</p>
          {meta.asOf && <p>{t.banner.asOf(meta.asOf)}</p>}
          {meta.sources.length > 0 && <ul>{meta.sources.map((s) => <li key={s}>{s}</li>)}</ul>}
        </div>
      )}
      <button type="button" className="close" aria-label={t.banner.close} title={t.banner.close} onClick={() => setOpen(false)}>×</button>
    </div>
  );
}
