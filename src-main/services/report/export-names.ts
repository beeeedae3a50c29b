import type { DataLayer } from '../../data';
import { getPatient } from '../library/patients';
import { getSession } from '../library/sessions';

/**
 * "Erin Hamstring" on 2026-11-20 → "Erin-Hamstring-2026-11-20-gait-report.pdf" (safe on every OS;
 * the /api/exports route serves exactly these names). The patient's `nth` session on that date
 * (counted from 1, oldest first) adds "-session-<nth>" from the second on: two sessions on one
 * date shared one name, so the second's export overwrote the first's PDF, and each session's page
 * offered the other's. The first keeps the name it always had.
 */
export function reportFileName(patientName: string, date: string, what = 'report.pdf', nth = 1): string {
  const name = patientName
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return `${name || 'patient'}-${date}${nth > 1 ? `-session-${nth}` : ''}-gait-${what}`;
}

/**
 * The name of a session's export `what`, from the library alone (the export and `report:lastPdf`
 * both ask here, so they cannot name different files; nothing the renderer sends is part of it).
 * Sessions in the trash keep their place in the count, so trashing the first does not hand its
 * name, and its PDF, to the second.
 */
export async function sessionExportName(
  data: DataLayer,
  sessionId: string,
  what = 'report.pdf',
): Promise<string> {
  const session = await getSession(data, sessionId);
  const patient = await getPatient(data, session.patientId, { includeDeleted: true });
  const sameDay = await data.sessions.idsOnDate(session.patientId, session.date);
  return reportFileName(patient.name, session.date, what, sameDay.indexOf(sessionId) + 1);
}
