/**
 * Landmarks of a real clip through the app's own path: import into a real library (copy, probe,
 * all-intra proxy, timestamp table), then the pose service's `pose:start` with the app's model and
 * settings (it reads the original where that is frame for frame the proxy, else the proxy:
 * src-main/services/pose/input.ts), then `pose:series` (the runner chosen among the candidates, true
 * frame times). The accuracy fixtures are this path's output, and test/gait/app-path.test.ts
 * regenerates them through it, so the accuracy test scores what the app computes.
 */
import { isAbsolute } from 'node:path';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import type { PoseModelName } from '../../src-shared/pose/engine-protocol';
import type { EventName } from '../../src-shared/contract';
import { importRecording } from '../../src-main/services/media/import';
import { poseHandlers } from '../../src-main/services/pose/handlers';
import { detectRecordingPoses, type PoseInput } from '../../src-main/services/pose/input';
import { poseRecording } from '../../src-main/services/pose/recording';
import { toSeries } from '../../src-main/services/pose/series';
import type { CallContext } from '../../src-main/services/types';
import { clip, tempLibrary } from '../media/helpers';

/**
 * `input`: leave out for the app's own choice (through the pose calls); 'proxy' to read the proxy
 * as the app does where the original cannot stand in (the fallback, measured by the bench).
 */
export async function landmarksThroughApp(
  /** A clip of the shared media by name, or a clip's absolute path (a derived variant). */
  clipFile: string,
  model: PoseModelName = 'full',
  input?: PoseInput,
): Promise<LandmarkSeries> {
  const lib = await tempLibrary();
  try {
    const rec = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: isAbsolute(clipFile) ? clipFile : clip(clipFile),
      view: 'side',
      condition: { label: 'flat' },
    });
    if (input) {
      const run = await detectRecordingPoses(await poseRecording(lib.library, rec.id), {
        model,
        force: input,
      });
      return toSeries(run.candidates);
    }
    let done: ((v: { state: string; error: string | null }) => void) | undefined;
    const finished = new Promise<{ state: string; error: string | null }>((r) => (done = r));
    const ctx: CallContext = {
      library: lib.library,
      version: 'test',
      transport: 'cli',
      emit: (event: EventName, payload: unknown) => {
        if (event === 'pose:finished') done?.(payload as { state: string; error: string | null });
      },
    };
    await poseHandlers['pose:start']({ recordingId: rec.id, model, force: false }, ctx);
    const end = await finished;
    if (end.state !== 'done') throw new Error(`pose ${end.state}: ${end.error}`);
    return await poseHandlers['pose:series']({ recordingId: rec.id, model }, ctx);
  } finally {
    lib.close();
  }
}
