import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { createServices } from '../../src-main/services';
import type { PatientProgress } from '../../src-shared/progress';
import { captureStdio } from '../helpers/stdio';
import { tempDir } from '../helpers/tmp';
import { call, returningPatient } from './fixtures';

/** `stridelab progress`, in-process through the CLI dispatcher, on a real library of three visits. */
const io = captureStdio();
const dir = tempDir('stridelab-progresscli-');
let patientId: string;

beforeAll(async () => {
  const services = createServices({ home: dir.path, transport: 'cli' });
  ({ patientId } = await returningPatient(services));
  await call(services, 'patients:create', { name: 'Anders Lopez' });
  await call(services, 'patients:create', { name: 'Ben Okafor', clinicId: 'K-17' });
  services.close();
}, 120_000);
afterAll(() => dir.cleanup());

describe('stridelab progress', () => {
  it('prints the comparison: the change beyond noise called real, the one below the SDD within noise', async () => {
    expect(await main(['progress', 'ana lo', '--home', dir.path])).toBe(0);
    expect(io.out).toMatch(/^Progress of Ana Lopez: 3 sessions \(2026-01-10 to 2026-03-01\)\./);
    const drop = io.out.slice(io.out.indexOf('Contralateral pelvic drop at midstance, left'));
    expect(drop).toMatch(/^Contralateral pelvic drop at midstance, left \(SDD 2\.8°\)\n/);
    expect(drop).toMatch(
      /\n {4}2026-02-01 {2}\d\.\d ±\d\.\d° \(\d+ steps\) {3}since previous −\d\.\d ±\d+\.\d° within noise\n/,
    );
    expect(drop).toMatch(
      /\n {4}2026-03-01 {2}\d\.\d ±\d\.\d° \(\d+ steps\) {3}since previous −\d\.\d ±\d+\.\d° real \*; since first −\d\.\d ±\d+\.\d° real \*\n/,
    );
    expect(io.out).toMatch(
      /Cadence, both sides \(no published SDD\)\n {4}2026-01-10 {2}160 ±\d\.\d steps\/min/,
    );
    expect(io.out).toMatch(/not the same treadmill settings: speed 11 km\/h then, 12 km\/h now/);
  }, 120_000);

  it('gives the same comparison as JSON, by id', async () => {
    expect(await main(['progress', patientId, '--json', '--home', dir.path])).toBe(0);
    const p = JSON.parse(io.out) as PatientProgress;
    expect(p.patientId).toBe(patientId);
    const drop = p.conditions[0]!.rows.find((r) => r.variableId === 'pelvic-drop-ms' && r.side === 'left')!;
    expect(drop.points.map((x) => x.vsPrevious?.verdict ?? null)).toEqual([null, 'within-noise', 'real']);
  }, 120_000);

  it('says plainly when the patient or the library is not there, or several patients match', async () => {
    expect(await main(['progress', 'nobody', '--home', dir.path])).toBe(1);
    expect(io.err).toBe('stridelab progress: No patient matches "nobody".\n');
    expect(await main(['progress', 'k-17', '--home', dir.path])).toBe(0); // the clinic id finds Ben
    expect(io.out).toMatch(/^Progress of Ben Okafor: 0 sessions\.[\s\S]*No analysed clips yet/);
    expect(await main(['progress', 'lopez', '--home', dir.path])).toBe(1);
    expect(io.err).toMatch(
      /\nstridelab progress: Several patients match "lopez": (Ana|Anders) Lopez \[.+\], (Ana|Anders) Lopez \[.+\]\. Give more of the name, or the id\.\n$/,
    );
    const none = join(dir.path, 'no-library-here');
    expect(await main(['progress', 'ana', '--home', none])).toBe(1);
    expect(io.err).toMatch(/there is no StrideLab library in/);
    expect(await main(['progress', '--home', dir.path])).toBe(2);
    expect(io.err).toMatch(/give one patient, not 0\.\nUsage: stridelab progress <patient>/);
  });
});
