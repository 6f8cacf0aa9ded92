// Browser entry: the language context around the app, or around a printable report: the package
// report at /report/<packageId> or a one-page progress report at /progress/report?… (each its own
// chunk: the reports' print stylesheets never reach the app).
import { lazy, StrictMode, Suspense, useState } from 'react';
import { reportParams as reportParamsOf } from './progress/report/params.ts';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider } from './i18n/index.tsx';
import './styles.css';

const ReportPage = lazy(() => import('./report/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const ProgressReport = lazy(() => import('./progress/report/ProgressReport.tsx').then((m) => ({ default: m.ProgressReport })));

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
const progressReport = location.pathname.replace(/\/+$/, '') === '/progress/report';

function Page() {
  if (report !== null) return <Suspense fallback={null}><ReportPage id={report} /></Suspense>;
  if (progressReport) return <Suspense fallback={null}><ProgressReportPage /></Suspense>;
  return <App />;
}

function ProgressReportPage() {
  const [params] = useState(() => reportParamsOf(location.search));
  return <ProgressReport params={params} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Page />
    </I18nProvider>
  </StrictMode>,
);
