import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { isReportRoute, parseReportRequest } from './report/question.js';
import { ReportPage } from './report/ReportPage.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {isReportRoute(window.location) ? <ReportPage request={parseReportRequest(window.location.hash)} /> : <App />}
  </StrictMode>,
);
