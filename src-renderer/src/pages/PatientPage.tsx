import type { Patient } from '../../../src-shared/library/model';
import { api, useEvent } from '../api/client';
import { Facts } from '../components/Facts';
import { navigate, navigateFrom } from '../router';
import { age } from '../format';
import { ProgressPanel } from '../progress/ProgressPanel';
import { useLoad } from '../useLoad';

/** One patient: details, sessions newest first, and the progress across visits; S starts a new session. */
export function PatientPage(props: { id: string }) {
  const { data, error, reload } = useLoad(
    () => Promise.all([api('patients:get', { id: props.id }), api('sessions:list', { patientId: props.id })]),
    [props.id],
  );
  useEvent('library:changed', reload);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="muted">Loading…</p>;
  const [patient, sessions] = data;

  const remove = async (): Promise<void> => {
    if (
      !window.confirm(
        `Move ${patient.name} and their sessions to the trash? You can restore them from the Trash.`,
      )
    )
      return;
    const from = window.location.hash;
    await api('patients:delete', { id: patient.id });
    navigateFrom(from, { page: 'patients' });
  };

  return (
    <section
      className="page"
      onKeyDown={(e) => {
        if (e.altKey && e.key.toLowerCase() === 's') navigate({ page: 'session-new', patientId: patient.id });
      }}
    >
      <div className="page-head">
        <h1>{patient.name}</h1>
        <div className="actions">
          <button
            type="button"
            autoFocus
            onClick={() => navigate({ page: 'session-new', patientId: patient.id })}
            title="New session (Alt+S)"
          >
            New session
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => navigate({ page: 'patient-edit', id: patient.id })}
          >
            Edit
          </button>
          <button type="button" className="danger" onClick={() => void remove()}>
            Delete
          </button>
        </div>
      </div>
      <PatientFacts patient={patient} />
      <h2>Sessions</h2>
      {sessions.length === 0 && <p className="muted">No sessions yet.</p>}
      <ul className="list" aria-label="Sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <a href={`#/sessions/${s.id}`} data-testid="session-row">
              <span className="name">{s.date}</span>
              <span className="muted">{[s.complaint, s.clinician].filter(Boolean).join(' · ')}</span>
            </a>
          </li>
        ))}
      </ul>
      {sessions.length > 0 && <ProgressPanel patientId={patient.id} />}
    </section>
  );
}

function PatientFacts({ patient: p }: { patient: Patient }) {
  return (
    <Facts
      items={[
        ['Clinic id', p.clinicId],
        ['Born', p.dateOfBirth ? `${p.dateOfBirth} (${age(p.dateOfBirth)} y)` : undefined],
        ['Sex', p.sex !== 'unspecified' ? p.sex : undefined],
        ['Height', p.heightCm ? `${p.heightCm} cm` : undefined],
        ['Leg length', p.legLengthCm ? `${p.legLengthCm} cm` : undefined],
        ['Notes', p.notes],
      ]}
    />
  );
}
