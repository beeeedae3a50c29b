import { execFileSync } from 'node:child_process';
import type { EventMessage } from '../../src-shared/contract';
import type { Library } from '../../src-main/services/library/db';
import { createPatient } from '../../src-main/services/library/patients';
import { createSession } from '../../src-main/services/library/sessions';
import { ffmpegPath, ffprobePath } from '../../src-main/services/media/binaries';

import { SHARED_MEDIA } from '../helpers/media';
import { openTestServices } from '../helpers/test-services';

export const MEDIA = SHARED_MEDIA;

export interface CaptureTestLibrary {
  readonly home: string;
  readonly library: Library;
  readonly sessionId: string;
  readonly events: EventMessage[];
  /** The context handlers get: the library and an event sink. */
  ctx(): { library: Library; emit: (event: string, payload: unknown) => void };
  /** Open the same library again, as after a crash. */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A library with one patient and one session on the run's backend (test/helpers/test-services.ts):
 * on a server, takes are recorded in this workstation's scratch folder inside the shared folder.
 */
export async function captureLibrary(): Promise<CaptureTestLibrary> {
  const t = await openTestServices({ prefix: 'stridelab-capture-', transport: 'cli' });
  const events: EventMessage[] = [];
  const lib: CaptureTestLibrary = {
    home: t.home,
    get library() {
      return t.services.library;
    },
    sessionId: '',
    events,
    ctx: () => ({
      library: lib.library,
      emit: (event, payload) => events.push({ event, payload } as EventMessage),
    }),
    reopen: () => t.reopen(),
    close: () => t.close(),
  };
  const patient = await createPatient(lib.library.data, { name: 'Capture Runner', sex: 'unspecified' });
  const session = await createSession(lib.library.data, {
    patientId: patient.id,
    date: '2026-11-21',
    injurySide: 'none',
    treadmillSpeedsKmh: [10],
    treadmillInclinesPct: [0, 5],
  });
  (lib as { sessionId: string }).sessionId = session.id;
  return lib;
}

/**
 * A WebM written the way MediaRecorder writes it: VP8, to a pipe (so no cues and no seekable
 * index), `seconds` of a real clip scaled down.
 */
export function liveWebm(source: string, seconds: number, fps = 30, fromS = 0): Buffer {
  return execFileSync(
    ffmpegPath(),
    [
      ...['-v', 'error', '-nostdin', '-ss', String(fromS), '-i', source, '-t', String(seconds)],
      ...[
        '-vf',
        `scale=-2:240,fps=${fps}`,
        '-an',
        '-c:v',
        'libvpx',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
      ],
      ...['-b:v', '1M', '-f', 'webm', 'pipe:1'],
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
}

/** Video packets ffprobe reads in a file (whole frames). */
export function framesIn(file: string): number {
  return Number(
    execFileSync(ffprobePath(), [
      ...['-v', 'error', '-err_detect', 'ignore_err', '-count_packets', '-select_streams', 'v:0'],
      ...['-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', file],
    ])
      .toString()
      .trim(),
  );
}

/** Split bytes into `n` nearly equal pieces, as a recorder's one-second chunks would be. */
export function pieces(data: Buffer, n: number): Buffer[] {
  const size = Math.ceil(data.length / n);
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}
