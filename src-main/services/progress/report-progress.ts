import type { GaitAnalysis } from '../../../src-shared/gait';
import type { Session } from '../../../src-shared/library/model';
import { progressForReport } from '../../../src-shared/progress/report';
import type { ReportProgress } from '../../../src-shared/progress/types';
import type { Library } from '../library/db';
import { listSessions } from '../library/sessions';
import { patientProgress } from './patient-progress';

/**
 * The progress section of a session's report (docs/progress.md §5), or null on a first visit, which
 * costs nothing then: the earlier sessions are analysed only when there are some. The variables
 * behind the findings are those of the clips in this report.
 */
export async function reportProgress(
  library: Library,
  session: Session,
  analyses: readonly GaitAnalysis[],
): Promise<ReportProgress | null> {
  const earlier = (await listSessions(library.data, session.patientId)).some(
    (s) => s.id !== session.id && s.date <= session.date,
  );
  if (!earlier) return null;
  const behind = [
    ...new Set(analyses.flatMap((a) => a.findings.flatMap((f) => f.evidence.map((e) => e.variableId)))),
  ];
  return progressForReport(
    await patientProgress(library, session.patientId, session.date),
    session.id,
    behind,
  );
}
