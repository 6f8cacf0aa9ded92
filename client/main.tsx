// Browser entry: the language context around the app, or around the printable package report
// at /report/<packageId> (its own chunk: the report's print stylesheet never reaches the app).
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider } from './i18n/index.tsx';
import './styles.css';

const ReportPage = lazy(() => import('./report/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));

function reportId(path: string): string | null {
  const m = /^\/report\/([^/]+)$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1]; // a malformed escape: the server names the id it could not find
  }
}

const report = reportId(location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      {report === null ? <App /> : <Suspense fallback={null}><ReportPage id={report} /></Suspense>}
    </I18nProvider>
  </StrictMode>,
);
