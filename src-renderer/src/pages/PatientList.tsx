import { useEffect, useRef, useState } from 'react';
import type { Patient } from '../../../src-shared/library/model';
import { api, useEvent } from '../api/client';
import { navigate } from '../router';
import { age } from '../format';
import { ImportArchiveButton } from '../session/ArchiveButtons';

/**
 * The first screen: type a few letters, recent patients first. Focus starts in the search box;
 * Up/Down move through the results, Enter opens one, Alt+N starts a new patient.
 */
export function PatientList() {
  const [query, setQuery] = useState('');
  const [patients, setPatients] = useState<Patient[]>([]);
  const [active, setActive] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [changes, setChanges] = useState(0);
  // The query the listed patients answer. Down, Up and Enter pressed before the answer to what was
  // typed has arrived wait for it, so a quick typist opens the patient the box names (Down Enter:
  // the second), never one from the list of a query already typed over (and never nothing).
  const [answered, setAnswered] = useState<string | undefined>(undefined);
  const onAnswer = useRef({ move: 0, open: false });
  const input = useRef<HTMLInputElement>(null);
  useEvent('library:changed', () => setChanges((n) => n + 1));

  useEffect(() => {
    let live = true;
    api('patients:search', { query, limit: 100 }).then(
      (found) => {
        if (!live) return;
        const { move, open } = onAnswer.current;
        onAnswer.current = { move: 0, open: false };
        const at = Math.max(0, Math.min(move, found.length - 1));
        setPatients(found);
        setActive(at);
        setLoaded(true);
        setAnswered(query);
        if (open && found[at]) navigate({ page: 'patient', id: found[at].id });
      },
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
    };
  }, [query, changes]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        navigate({ page: 'patient-new' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSearchKey = (e: React.KeyboardEvent): void => {
    if (answered !== query) {
      const keys = onAnswer.current;
      if (e.key === 'ArrowDown') keys.move++;
      else if (e.key === 'ArrowUp') keys.move = Math.max(keys.move - 1, 0);
      else if (e.key === 'Enter') keys.open = true;
      else return;
      e.preventDefault();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, patients.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && patients[active]) {
      navigate({ page: 'patient', id: patients[active].id });
    }
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1>Patients</h1>
        <div className="actions">
          <ImportArchiveButton />
          <button type="button" onClick={() => navigate({ page: 'patient-new' })} title="New patient (Alt+N)">
            New patient
          </button>
        </div>
      </div>
      <input
        ref={input}
        className="search"
        type="search"
        aria-label="Search patients"
        placeholder="Search by name or clinic id…"
        autoFocus
        value={query}
        onChange={(e) => {
          onAnswer.current = { move: 0, open: false };
          setQuery(e.target.value);
        }}
        onKeyDown={onSearchKey}
      />
      <ul className="list" role="listbox" aria-label="Patients">
        {patients.map((p, i) => (
          <li key={p.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}>
            <a href={`#/patients/${p.id}`} data-testid="patient-row">
              <span className="name">{p.name}</span>
              <span className="muted">
                {[
                  p.clinicId,
                  p.dateOfBirth ? `${age(p.dateOfBirth)} y` : undefined,
                  p.lastSessionDate ? `last session ${p.lastSessionDate}` : 'no sessions',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </a>
          </li>
        ))}
      </ul>
      {loaded && patients.length === 0 && (
        <p className="muted" role="status">
          {query ? `No patient matches “${query}”.` : 'No patients yet. Start with New patient.'}
        </p>
      )}
    </section>
  );
}
