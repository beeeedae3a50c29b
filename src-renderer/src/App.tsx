import { useEffect } from 'react';
import { useRoute, navigate } from './router';
import { PatientList } from './pages/PatientList';
import { PatientPage } from './pages/PatientPage';
import { PatientForm } from './pages/PatientForm';
import { SessionForm } from './pages/SessionForm';
import { SessionPage } from './pages/SessionPage';
import { TrashPage } from './pages/TrashPage';
import { BackupsPage } from './pages/BackupsPage';
import { CapturePage } from './capture/CapturePage';
import { ReviewPage } from './review/ReviewPage';
import { ReportPage } from './report/ReportPage';
import { AnalysisGate } from './analysis/AnalysisGate';

/** The shell: a header with the two places a PT goes to, and the page for the current route. */
export function App() {
  const route = useRoute();
  useEffect(() => {
    document.body.dataset.ready = 'true';
  }, []);
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/" aria-label="StrideLab home">
          StrideLab
        </a>
        <nav>
          <a href="#/">Patients</a>
          <a href="#/trash">Trash</a>
          <a href="#/backups">Backups</a>
        </nav>
      </header>
      <main>
        {route.page === 'patients' && <PatientList />}
        {route.page === 'patient-new' && (
          <PatientForm onDone={(p) => navigate({ page: 'patient', id: p.id })} />
        )}
        {route.page === 'patient' && <PatientPage key={route.id} id={route.id} />}
        {route.page === 'patient-edit' && (
          <PatientForm key={route.id} id={route.id} onDone={(p) => navigate({ page: 'patient', id: p.id })} />
        )}
        {route.page === 'session-new' && (
          <SessionForm
            key={route.patientId}
            patientId={route.patientId}
            onDone={(s) => navigate({ page: 'session', id: s.id })}
          />
        )}
        {route.page === 'session' && <SessionPage key={route.id} id={route.id} />}
        {route.page === 'session-edit' && (
          <SessionForm key={route.id} id={route.id} onDone={(s) => navigate({ page: 'session', id: s.id })} />
        )}
        {route.page === 'session-review' && (
          <AnalysisGate key={route.id} sessionId={route.id} what="review">
            <ReviewPage sessionId={route.id} clips={route.clips} />
          </AnalysisGate>
        )}
        {route.page === 'session-report' && (
          <AnalysisGate key={route.id} sessionId={route.id} what="report">
            <ReportPage sessionId={route.id} />
          </AnalysisGate>
        )}
        {route.page === 'session-capture' && <CapturePage key={route.id} sessionId={route.id} />}
        {route.page === 'trash' && <TrashPage />}
        {route.page === 'backups' && <BackupsPage />}
      </main>
    </div>
  );
}
