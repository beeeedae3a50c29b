import type { ReportEdits } from '../../../src-shared/contract/report';
import type { DataLayer } from '../../data';
import { getSession } from '../library/sessions';

/** The PT's saved words for a session's report (table report_edits, src-main/data/report-edits.ts). */
export function loadEdits(
  data: DataLayer,
  sessionId: string,
): Promise<(ReportEdits & { updatedAt: string }) | undefined> {
  return data.reportEdits.get(sessionId);
}

export async function saveEdits(
  data: DataLayer,
  sessionId: string,
  edits: ReportEdits,
  now = new Date(),
): Promise<string> {
  await getSession(data, sessionId);
  const ts = now.toISOString();
  await data.reportEdits.put(sessionId, edits, ts);
  return ts;
}

export async function resetEdits(data: DataLayer, sessionId: string): Promise<boolean> {
  await getSession(data, sessionId);
  return data.reportEdits.remove(sessionId);
}
