// Language context: zh-CN by default, English on request; the choice survives a reload.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import zhCN, { type Messages } from './zh-CN.ts';
import en from './en.ts';

export type Lang = 'zh-CN' | 'en';
export type { Messages };

const MESSAGES: Record<Lang, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'lianpian.lang';

interface I18n {
  lang: Lang;
  t: Messages;
  setLang(lang: Lang): void;
  /** Formats a number with the language's grouping, e.g. 12,345. */
  num(n: number, fractionDigits?: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const t = MESSAGES[lang];

  useEffect(() => {
    document.documentElement.lang = t.htmlLang;
  }, [t]);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const formatters = new Map<number, Intl.NumberFormat>();
    const num = (n: number, fractionDigits = 0) => {
      let f = formatters.get(fractionDigits);
      if (!f) {
        f = new Intl.NumberFormat(t.locale, { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits });
        formatters.set(fractionDigits, f);
      }
      return f.format(n);
    };
    return { lang, t, setLang, num };
  }, [lang, t, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
