import { ConditionSchema, VIEWS, type View } from '../../../src-shared/contract/recordings';
import type { Patient } from '../../../src-shared/library/model';
import { importNotice } from '../../../src-shared/review/clip-length';
import { ServiceError } from '../../services/errors';
import type { Library } from '../../services/library/db';
import { announceChanges } from '../../services/library/postgres/notify';
import { isServerMode } from '../../services/library/server-mode';
import { closeLibrary, openConfiguredLibrary } from '../../services/library/target';
import { createPatient, getPatient } from '../../services/library/patients';
import { createSession, getSession } from '../../services/library/sessions';
import { importRecording, type ImportProgress } from '../../services/media/import';
import { beginAllOrNothing, type AllOrNothing } from '../../services/library/all-or-nothing';
import { parseCommand, usageError as cmdUsageError } from '../args';
import { LIBRARY_OPTIONS, LIBRARY_USAGE, libraryConfigOf } from '../library-options';
import { abortOnStop } from '../process';

/**
 * `stridelab import <clip> --patient <name or id> [--session <id>] --view side|rear
 *   --condition <label> [--incline <pct>] [--speed <km/h>] [--shoes <text>] [--allow-duplicate]
 *   [--create-patient] [--home DIR | --db postgres://… --media DIR [--workstation NAME]]`
 * The same import as the app (copy + checksum, probe, proxy, thumbnail), with the library lock; or
 * into the clinic server's library (docs/clinic-server.md), the clip built in this workstation's
 * folder of the shared media folder and the other workstations' lists told when it is in.
 * Without --session the clip goes into a new session dated today. Progress goes to stderr, the
 * result to stdout; Ctrl-C, SIGTERM and SIGHUP cancel and leave the library as it was.
 * Exit codes: 0 imported, 1 refused or failed, 2 wrong usage, 130 cancelled.
 */
export const USAGE = `Usage: stridelab import <clip> --patient <name or id> [--session <id>] --view side|rear --condition <label>
       [--incline <percent>] [--speed <km/h>] [--shoes <text>] [--allow-duplicate] [--create-patient]
       [--home DIR | --db ADDRESS --media DIR [--workstation NAME]]
${LIBRARY_USAGE}`;

const CMD = { name: 'import', usage: USAGE } as const;
const usageError = (problems: string | readonly string[]): number => cmdUsageError(CMD, problems);

async function findPatient(library: Library, key: string, create: boolean): Promise<{ patient: Patient }> {
  try {
    return { patient: await getPatient(library.data, key) };
  } catch {
    // not an id: try the name
  }
  const ids = await library.data.patients.idsNamed(key.trim());
  if (ids.length === 1) return { patient: await getPatient(library.data, ids[0]!) };
  if (ids.length > 1) {
    throw new ServiceError(
      'conflict',
      `${ids.length} patients are named "${key}": give the id instead (${ids.join(', ')}).`,
    );
  }
  if (create) return { patient: await createPatient(library.data, { name: key.trim(), sex: 'unspecified' }) };
  throw new ServiceError(
    'not-found',
    `No patient named or numbered "${key}". Check the name, or add --create-patient.`,
  );
}

/** A number typed after --flag; a problem said in `problems` (and no value) where it is not one. */
const number = (raw: string | undefined, flag: string, problems: string[]): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (Number.isFinite(n) && raw.trim() !== '') return n;
  problems.push(`--${flag} must be a number, not "${raw}".`);
  return undefined;
};

const FLAG_OF: Readonly<Record<string, string>> = {
  label: 'condition',
  inclinePct: 'incline',
  speedKmh: 'speed',
  shoes: 'shoes',
};

function progressWriter(): (p: ImportProgress) => void {
  const tty = process.stderr.isTTY;
  let lastPhase = '';
  let lastTenth = -1;
  return (p) => {
    const pct = Math.round(p.fraction * 100);
    const eta = p.secondsLeft !== undefined ? `, about ${Math.ceil(p.secondsLeft)} s left` : '';
    const line = `${p.phase.padEnd(9)} ${String(pct).padStart(3)}%${eta}`;
    if (tty) process.stderr.write(`\r${line.padEnd(40)}`);
    else if (p.phase !== lastPhase || Math.floor(pct / 10) !== lastTenth) process.stderr.write(`${line}\n`);
    lastPhase = p.phase;
    lastTenth = Math.floor(pct / 10);
  };
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CMD, {
    patient: { type: 'string' },
    session: { type: 'string' },
    view: { type: 'string' },
    condition: { type: 'string' },
    incline: { type: 'string' },
    speed: { type: 'string' },
    shoes: { type: 'string' },
    'allow-duplicate': { type: 'boolean' },
    'create-patient': { type: 'boolean' },
    ...LIBRARY_OPTIONS,
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  // Every mistake of the command line, said together (./args.ts).
  const problems: string[] = [];
  if (positionals.length !== 1)
    problems.push(positionals.length ? 'give exactly one clip.' : 'which clip? Give its path.');
  if (!values.patient) problems.push('--patient is required.');
  if (!values.view || !(VIEWS as readonly string[]).includes(values.view))
    problems.push('--view must be side or rear.');
  const c = ConditionSchema.safeParse({
    label: values.condition ?? '',
    inclinePct: number(values.incline, 'incline', problems),
    speedKmh: number(values.speed, 'speed', problems),
    shoes: values.shoes,
  });
  if (!c.success)
    for (const issue of c.error.issues) {
      const key = String(issue.path[0]);
      problems.push(`--${FLAG_OF[key] ?? key} ${issue.message}.`);
    }
  let config;
  try {
    config = libraryConfigOf(values);
  } catch (err) {
    problems.push((err as Error).message);
  }
  const patientKey = values.patient;
  if (problems.length > 0 || !c.success || !config || !patientKey) return usageError(problems);
  const condition = c.data;

  const controller = new AbortController();
  const stopListening = abortOnStop(controller);
  let library: Library | undefined;
  let job: AllOrNothing | undefined;
  try {
    library = await openConfiguredLibrary(config);
    // A patient or session made for this clip exists only if the clip is imported: one transaction
    // from here to the recording's row (a failure, Ctrl-C, SIGTERM or kill -9 leaves none of them).
    job = await beginAllOrNothing(library);
    const lib = job.library;
    const { patient } = await findPatient(lib, patientKey, values['create-patient'] ?? false);
    let sessionId = values.session;
    let created = false;
    if (sessionId) {
      const session = await getSession(lib.data, sessionId);
      if (session.patientId !== patient.id) {
        throw new ServiceError(
          'conflict',
          `Session ${sessionId} belongs to another patient, not ${patient.name}.`,
        );
      }
    } else {
      sessionId = (
        await createSession(lib.data, {
          patientId: patient.id,
          date: new Date().toISOString().slice(0, 10),
          injurySide: 'none',
          treadmillSpeedsKmh: [],
          treadmillInclinesPct: [],
        })
      ).id;
      created = true;
    }
    const rec = await importRecording(lib, {
      sessionId,
      sourcePath: positionals[0]!,
      view: values.view as View,
      condition,
      allowDuplicate: values['allow-duplicate'] ?? false,
      signal: controller.signal,
      onProgress: progressWriter(),
    });
    await job.commit();
    let queued = false;
    if (isServerMode(library)) {
      // On the clinic server the clip is queued as one imported in the app is (analysis on arrival,
      // the app's full model): an idle workstation takes it (data/analysis-jobs.ts). A queue that
      // cannot be written leaves the clip imported; Analyse on its card queues it then.
      queued = await library.data.analysisJobs
        .enqueue(rec.id, 'full', false, new Date().toISOString())
        .then(() => true)
        .catch(() => false);
      // The other rooms' patient and session pages show the new clip (and session, and patient).
      await announceChanges(library.server.pool, [
        { event: 'library:changed', payload: { kind: 'recording', id: rec.id } },
        { event: 'library:changed', payload: { kind: 'session', id: sessionId } },
        { event: 'library:changed', payload: { kind: 'patient', id: patient.id } },
      ]);
    }
    if (process.stderr.isTTY) process.stderr.write('\n');
    const p = rec.probe;
    // The name as one line: a newline or control character in a file name must not break the
    // line-per-fact output that scripts read.
    const shownName = [...rec.originalName].map((c) => (c < ' ' || c === '\u007f' ? '?' : c)).join('');
    process.stdout.write(
      `Imported "${shownName}" for ${patient.name}: ${rec.view} view, ${rec.condition.label}; ` +
        `${p.frameCount} frames, ${p.averageFps.toFixed(2)} fps${p.variableFrameRate ? ' (variable)' : ''}, ` +
        `${p.displayWidth}×${p.displayHeight}, ${p.durationS.toFixed(1)} s.\n` +
        `session ${sessionId}${created ? ' (new, dated today)' : ''}\nrecording ${rec.id}\n` +
        (queued ? 'Queued for analysis: the first free workstation of the clinic takes it.\n' : ''),
    );
    const notice = importNotice(p.durationS);
    if (notice) process.stderr.write(`${notice}\n`);
    return 0;
  } catch (err) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (controller.signal.aborted || (err instanceof ServiceError && err.code === 'cancelled')) {
      process.stderr.write('stridelab import: cancelled; nothing was imported.\n');
      return 130;
    }
    process.stderr.write(`stridelab import: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await job?.rollback();
    stopListening();
    if (library) await closeLibrary(library);
  }
}
