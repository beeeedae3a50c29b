import { existsSync } from 'node:fs';
import { formatProgress } from '../../../src-shared/progress';
import { resolveHome } from '../../home';
import { ServiceError } from '../../services/errors';
import { libraryPaths, openLibrary, type Library } from '../../services/library/db';
import { getPatient, searchPatients } from '../../services/library/patients';
import { patientProgress } from '../../services/progress/patient-progress';
import { parseCommand, usageError as cmdUsageError } from '../args';

/**
 * `stridelab progress <patient> [--json] [--home DIR]`: the patient's progress across visits, the same
 * comparison the patient page shows (docs/progress.md): every session's key variables per condition
 * and side, each change since the previous visit and since the first called real or within noise,
 * and the patient's own story. <patient> is the patient's id, or words of the name or clinic id that
 * find exactly one patient (as the app's search box does).
 * Exit codes: 0 printed, 1 refused (no such library or patient, several patients match), 2 wrong usage.
 */
export const USAGE = `Usage: stridelab progress <patient> [--json] [--home DIR]
  patient: the patient's id, or words of the name or clinic id that find one patient ("ana lo")
  --json   the whole comparison as JSON (what the patient page shows)`;

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
    home: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1)
    return cmdUsageError(CMD, `give one patient, not ${parsed.positionals.length}.`);
  const home = resolveHome(argv);
  if (!existsSync(libraryPaths(home).dbFile)) {
    process.stderr.write(`stridelab progress: there is no StrideLab library in "${home}".\n`);
    return 1;
  }
  let library: Library | undefined;
  try {
    library = openLibrary(home);
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
    library?.close();
  }
}
