// The top bar: product, the mode tabs (探索 / 组包 / 进度), data set, a slot for the mode's own tools,
// the 服务标准 (facility standards) dialog and the 中/EN switch.
import type { ReactNode } from 'react';
import { useI18n } from './i18n/index.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { StandardsButton } from './settings/FacilityTable.tsx';

export const MODES = ['explore', 'package', 'progress'] as const;
export type Mode = (typeof MODES)[number];
export const MODE_PATH: Record<Mode, string> = { explore: '/', package: '/package', progress: '/progress' };

interface Props {
  datasetName?: string;
  mode?: Mode;
  onMode?(mode: Mode): void;
  children?: ReactNode;
}

export function Header({ datasetName, mode, onMode, children }: Props) {
  const { t } = useI18n();
  const names: Record<Mode, string> = { explore: t.app.modeExplore, package: t.app.modePackage, progress: t.app.modeProgress };
  return (
    <header className="header">
      <h1 className="brand">
        <span lang="zh-CN">连片</span> <span lang="en">Lianpian</span>
      </h1>
      {mode && (
        <nav className="modes" aria-label={t.app.modes}>
          {MODES.map((m) => (
            <a
              key={m} href={MODE_PATH[m]} className="mode" aria-current={m === mode ? 'page' : undefined} data-testid={`mode-${m}`}
              onClick={(e) => {
                if (!onMode || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; // let the browser open a new tab
                e.preventDefault();
                onMode(m);
              }}
            >{names[m]}</a>
          ))}
        </nav>
      )}
      {datasetName && <span className="dataset" data-testid="dataset-name">{datasetName}</span>}
      <div className="header-tools">{children}</div>
      <StandardsButton />
      <LangSwitch />
    </header>
  );
}
