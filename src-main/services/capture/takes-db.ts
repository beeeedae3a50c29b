import type { CaptureCamera, CaptureTake } from '../../../src-shared/contract/capture';
import type { Condition } from '../../../src-shared/contract/recordings';
import { nextTakeNumber } from '../../../src-shared/capture/takes';
import type { DataLayer } from '../../data';
import { ServiceError } from '../errors';

/**
 * The capture service's use of its tables (src-main/data/capture.ts): the refusal of an unknown
 * take, and a new take numbered and written in one transaction.
 */
export async function getTake(data: DataLayer, id: string): Promise<CaptureTake> {
  const take = await data.capture.take(id);
  if (!take) throw new ServiceError('not-found', `No take with id ${id}.`, 'takeId');
  return take;
}

export const listTakes = (data: DataLayer, sessionId: string): Promise<CaptureTake[]> =>
  data.capture.takes(sessionId);

/** Insert a new take (status 'recording') numbered after the session's takes of the same condition. */
export async function insertTake(
  data: DataLayer,
  take: {
    id: string;
    sessionId: string;
    condition: Condition;
    startedAt: string;
    cameras: readonly CaptureCamera[];
  },
  now = new Date(),
): Promise<CaptureTake> {
  await data.transaction(async (tx) => {
    const number = nextTakeNumber(await tx.capture.takeNumbers(take.sessionId, take.condition.label));
    await tx.capture.insertTake(
      { ...take, number, startedAt: new Date(take.startedAt).toISOString() },
      now.toISOString(),
    );
  });
  return getTake(data, take.id);
}
