import type { ReportEdits } from '../../../src-shared/contract/report';
import type { DataLayer } from '../../data';
import { conflictMessage } from '../../data/versions';
import { ServiceError } from '../errors';
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

const WHAT = "This report's wording";

/**
 * Save the PT's words only if nobody saved or reset them since version `basedOn` (0: none saved),
 * so two workstations editing one report never overwrite each other in silence (data/versions.ts).
 * Refused with code 'conflict', saying who changed them when. `by` is this workstation's name.
 */
export async function saveEditsChecked(
  data: DataLayer,
  sessionId: string,
  edits: ReportEdits,
  basedOn: number,
  by: string,
  now = new Date(),
): Promise<{ savedAt: string; version: number }> {
  await getSession(data, sessionId);
  const ts = now.toISOString();
  if (basedOn > 0 && !(await data.reportEdits.stamp(sessionId)))
    throw new ServiceError(
      'conflict',
      `${WHAT} was reset to the suggestions on another workstation while you were editing: reload to see it, or keep yours.`,
    );
  const r = await data.reportEdits.putChecked(sessionId, edits, ts, basedOn === 0 ? null : basedOn, by);
  if (!r.saved) throw new ServiceError('conflict', conflictMessage(r.current, WHAT));
  return { savedAt: ts, version: r.version };
}

/** The version of the session's saved words (0: none), for report:editsStamp. */
export async function editsStamp(
  data: DataLayer,
  sessionId: string,
): Promise<{ version: number; updatedAt?: string; updatedBy?: string }> {
  await getSession(data, sessionId);
  return (await data.reportEdits.stamp(sessionId)) ?? { version: 0 };
}
