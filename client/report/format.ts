// Number, money and date formatting for the printed report. Chinese groups digits with a narrow
// space (GB/T 15835: 1 234 户, 27 000 元/户), English with commas (1,234 households).
import type { Lang, Messages } from '../i18n/index.tsx';

/** U+202F NARROW NO-BREAK SPACE: the thin, unbreakable space between digit groups. */
export const GROUP_SPACE = '\u202f';

export interface ReportFormat {
  /** A number with the report's digit grouping and a fixed number of decimals. */
  num(n: number, digits?: number): string;
  /** 元 as the language counts money: 万元 with one decimal (zh) or million yuan with two (en), no unit. */
  money(yuan: number): string;
  /** The unit `money` uses: 万元 or million yuan. */
  moneyUnit: string;
  /** An ISO timestamp as a long local date and time. */
  dateTime(iso: string): string;
  /** Punctuation of the language: （…） or (…), ：or :, 、 or , between list items, ； or ; between clauses. */
  paren(s: string): string;
  colon: string;
  list: string;
  clauses: string;
}

export function reportFormat(lang: Lang, t: Messages): ReportFormat {
  const formatters = new Map<number, Intl.NumberFormat>();
  const num = (n: number, digits = 0) => {
    let f = formatters.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(t.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      formatters.set(digits, f);
    }
    if (lang !== 'zh-CN') return f.format(n);
    return f.formatToParts(n).map((p) => (p.type === 'group' ? GROUP_SPACE : p.value)).join('');
  };
  const { divisor, digits, unit } = t.report.money;
  const dates = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeStyle: 'short' });
  return {
    num,
    money: (yuan) => num(yuan / divisor, digits),
    moneyUnit: unit,
    dateTime: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dates.format(d);
    },
    ...(lang === 'zh-CN'
      ? { paren: (x: string) => `（${x}）`, colon: '：', list: '、', clauses: '；' }
      : { paren: (x: string) => ` (${x})`, colon: ': ', list: ', ', clauses: '; ' }),
  };
}
