import { api, useEvent } from '../api/client';
import { Facts } from '../components/Facts';
import { navigate, navigateFrom } from '../router';
import { ExportSessionButton } from '../session/ArchiveButtons';
import { ClipSlots } from '../session/ClipSlots';
import { useLoad } from '../useLoad';

/**
 * One session: what was recorded and under which conditions. The clip slots (side / rear × flat /
 * incline), analysis and review hang off this page.
 */
export function SessionPage(props: { id: string }) {
  const { data, error, reload } = useLoad(async () => {
    const session = await api('sessions:get', { id: props.id });
    const patient = await api('patients:get', { id: session.patientId });
    return { session, patient };
  }, [props.id]);
  useEvent('library:changed', (e) => e.kind !== 'recording' && reload());
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="muted">Loading…</p>;
  const { session: s, patient } = data;

  const remove = async (): Promise<void> => {
    if (!window.confirm(`Move the session of ${s.date} to the trash?`)) return;
    const from = window.location.hash;
    await api('sessions:delete', { id: s.id });
    navigateFrom(from, { page: 'patient', id: patient.id });
  };

  return (
    <section className="page">
      <p className="crumbs">
        <a href={`#/patients/${patient.id}`}>{patient.name}</a>
      </p>
      <div className="page-head">
        <h1>Session {s.date}</h1>
        <div className="actions">
          <button type="button" onClick={() => navigate({ page: 'session-report', id: s.id })}>
            Report
          </button>
          <button type="button" onClick={() => navigate({ page: 'session-capture', id: s.id })}>
            Record with cameras
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => navigate({ page: 'session-edit', id: s.id })}
          >
            Edit
          </button>
          <ExportSessionButton sessionId={s.id} />
          <button type="button" className="danger" onClick={() => void remove()}>
            Delete
          </button>
        </div>
      </div>
      <Facts
        items={[
          ['Complaint', s.complaint],
          ['Injury side', s.injurySide !== 'none' ? s.injurySide : undefined],
          ['Clinician', s.clinician],
          ['Shoes', s.shoes],
          ['Speeds', s.treadmillSpeedsKmh.length ? `${s.treadmillSpeedsKmh.join(', ')} km/h` : undefined],
          ['Inclines', s.treadmillInclinesPct.length ? `${s.treadmillInclinesPct.join(', ')} %` : undefined],
          ['Notes', s.notes],
        ]}
      />
      <ClipSlots sessionId={s.id} session={s} />
    </section>
  );
}
