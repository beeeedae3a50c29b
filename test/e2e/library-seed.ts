import { openLibrary, type Library } from '../../src-main/services/library/db';
import { createPatient } from '../../src-main/services/library/patients';
import { createSession } from '../../src-main/services/library/sessions';

/** A library at `home` with one patient and one session, for tests that start the server on it. */
export function tempLibraryAt(home: string): { library: Library; patientId: string; sessionId: string } {
  const library = openLibrary(home);
  const patient = createPatient(library.db, { name: 'Resume Runner', sex: 'unspecified' });
  const session = createSession(library.db, {
    patientId: patient.id,
    date: '2026-01-15',
    injurySide: 'none',
    treadmillSpeedsKmh: [10],
    treadmillInclinesPct: [],
  });
  return { library, patientId: patient.id, sessionId: session.id };
}
