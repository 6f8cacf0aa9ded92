// The top bar: product, current mode (only Explore exists so far), data set, a slot for the
// mode's own tools (the search box), and the 中/EN switch.
import type { ReactNode } from 'react';
import { useI18n } from './i18n/index.tsx';

export function Header({ datasetName, children }: { datasetName?: string; children?: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="header">
      <h1 className="brand">
        <span lang="zh-CN">连片</span> <span lang="en">Lianpian</span>
      </h1>
      <span className="mode" aria-current="page" data-testid="mode">{t.app.modeExplore}</span>
      {datasetName && <span className="dataset" data-testid="dataset-name">{datasetName}</span>}
      <div className="header-tools">{children}</div>
      <button
        type="button" className="lang-switch" data-testid="lang-switch"
        aria-label={t.app.switchLabel} title={t.app.switchLabel}
        onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
      >
        <span className={lang === 'zh-CN' ? 'on' : undefined}>中</span>
        <span aria-hidden="true">/</span>
        <span className={lang === 'en' ? 'on' : undefined}>EN</span>
      </button>
    </header>
  );
}
