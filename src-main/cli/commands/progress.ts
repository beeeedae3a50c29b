import { existsSync } from 'node:fs';
import { formatProgress } from '../../../src-shared/progress';
import { ServiceError } from '../../services/errors';
import { libraryPaths, type Library } from '../../services/library/db';
import { closeLibrary, openConfiguredLibrary } from '../../services/library/target';
import { getPatient, searchPatients } from '../../services/library/patients';
import { patientProgress } from '../../services/progress/patient-progress';
import { parseCommand, usageError as cmdUsageError } from '../args';
import { LIBRARY_OPTIONS, LIBRARY_USAGE, libraryConfigOf } from '../library-options';

/**
 * `stridelab progress <patient> [--json] [--home DIR]`: the patient's progress across visits, the same
 * comparison the patient page shows (docs/progress.md): every session's key variables per condition
 * and side, each change since the previous visit and since the first called real or within noise,
 * and the patient's own story. <patient> is the patient's id, or words of the name or clinic id that
 * find exactly one patient (as the app's search box does).
 * Exit codes: 0 printed, 1 refused (no such library or patient, several patients match), 2 wrong usage.
 */
export const USAGE = `Usage: stridelab progress <patient> [--json] [--home DIR | --db ADDRESS --media DIR]
  patient: the patient's id, or words of the name or clinic id that find one patient ("ana lo")
  --json   the whole comparison as JSON (what the patient page shows)
${LIBRARY_USAGE}`;

const CMD = { name: 'progress', usage: USAGE } as const;

async function findPatient(library: Library, query: string): Promise<string> {
  try {
    return (await getPatient(library.data, query)).id;
  } catch (err) {
    if (!(err instanceof ServiceError && err.code === 'not-found')) throw err;
  }
  const found = await searchPatients(library.data, query, 10);
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0) throw new ServiceError('not-found', `No patient matches "${query}".`);
  throw new ServiceError(
    'invalid-input',
    `Several patients match "${query}": ${found
      .map((p) => `${p.name}${p.clinicId ? ` (${p.clinicId})` : ''} [${p.id}]`)
      .join(', ')}. Give more of the name, or the id.`,
  );
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CMD, {
    json: { type: 'boolean', default: false },
    ...LIBRARY_OPTIONS,
  });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1)
    return cmdUsageError(CMD, `give one patient, not ${parsed.positionals.length}.`);
  let config;
  try {
    config = libraryConfigOf(parsed.values);
  } catch (err) {
    return cmdUsageError(CMD, (err as Error).message);
  }
  if (config.backend === 'sqlite' && !existsSync(libraryPaths(config.home).dbFile)) {
    process.stderr.write(`stridelab progress: there is no StrideLab library in "${config.home}".\n`);
    return 1;
  }
  let library: Library | undefined;
  try {
    library = await openConfiguredLibrary(config);
    const progress = await patientProgress(library, await findPatient(library, parsed.positionals[0]!));
    process.stdout.write(
      parsed.values.json ? `${JSON.stringify(progress, null, 2)}\n` : `${formatProgress(progress)}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ServiceError) {
      process.stderr.write(`stridelab progress: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    if (library) await closeLibrary(library);
  }
}
