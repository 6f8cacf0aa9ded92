// The 中/EN switch, in the app's header and the report's toolbar.
import { useI18n } from './i18n/index.tsx';

export function LangSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <button
      type="button" className="lang-switch" data-testid="lang-switch"
      aria-label={t.app.switchLabel} title={t.app.switchLabel}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      <span className={lang === 'zh-CN' ? 'on' : undefined}>中</span>
      <span aria-hidden="true">/</span>
      <span className={lang === 'en' ? 'on' : undefined}>EN</span>
    </button>
  );
}
