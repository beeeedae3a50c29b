import type { Services } from '../../src-main/services';
import type { MarkerTrackStatus } from '../../src-shared/contract/markers';
import type { MarkerSeed } from '../../src-shared/markers';

/**
 * The PT names a clip's markers once (the clicks `seeds` give, brightness detection) and the app
 * tracks them: through the services as the page calls them, until the tracking job has ended.
 * Returns the state the job ended in.
 */
export async function nameAndTrack(
  services: Services,
  recordingId: string,
  seeds: readonly MarkerSeed[],
): Promise<string | undefined> {
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await services.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.result as T;
  };
  await call('markers:name', {
    recordingId,
    frame: seeds[0]!.frame,
    detection: { mode: 'brightness' },
    markers: seeds.map(({ name, x, y }) => ({ name, x, y })),
  });
  const ended = new Promise<string | undefined>((resolve) => {
    const off = services.onEvent((m) => {
      const p = m.payload as { recordingId?: string; state?: string };
      if (m.event === 'markers:changed' && p.recordingId === recordingId && p.state !== 'running') {
        off();
        resolve(p.state);
      }
    });
  });
  const started = await call<MarkerTrackStatus>('markers:track', { recordingId });
  if (started.state !== 'running') throw new Error(`markers:track did not start: ${started.state}`);
  return ended;
}
