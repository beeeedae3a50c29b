import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { openLibrary } from '../../src-main/services/library/db';
import { createPatient } from '../../src-main/services/library/patients';
import { listRecordings } from '../../src-main/services/media/recordings-db';
import { captureStdio } from '../helpers/stdio';
import { clip, libraryState, tempDir } from './helpers';

/** `stridelab import`, run in-process through the CLI dispatcher, on a real library folder. */
let home: string;
const io = captureStdio();

beforeEach(async () => {
  home = tempDir('cli');
  const lib = openLibrary(home);
  await createPatient(lib.data, { name: 'Ana López', sex: 'female' });
  lib.close();
});

const cli = (...args: string[]): Promise<number> => main(['import', ...args, '--home', home]);

describe('stridelab import', () => {
  it('imports a clip into a new session dated today, with progress on stderr', async () => {
    const code = await cli(
      clip('running_side_overground_sports2d_demo3.mp4'),
      '--patient',
      'ana lópez',
      '--view',
      'side',
      '--condition',
      'flat',
      '--speed',
      '10',
    );
    expect(io.err).toMatch(/proxy +\d+%/);
    expect(code).toBe(0);
    expect(io.out).toMatch(
      /Imported "running_side_overground_sports2d_demo3\.mp4" for Ana López: side view, flat; 47 frames, 29\.97 fps/,
    );
    // 1.6 s: kept, and the PT is told now that it will give no numbers (src-shared/review/clip-length.ts).
    expect(io.err).toContain(
      'Imported, but it will give no numbers. The clip lasts 1.6 s: too short to measure steps',
    );
    const sessionId = /session (\S+) \(new, dated today\)/.exec(io.out)![1]!;
    const lib = openLibrary(home);
    try {
      const [rec] = await listRecordings(lib.data, sessionId);
      expect(rec).toMatchObject({ view: 'side', condition: { label: 'flat', speedKmh: 10 } });
      const date = (
        lib.db.prepare(`SELECT date FROM sessions WHERE id = ?`).get(sessionId) as { date: string }
      ).date;
      expect(date).toBe(new Date().toISOString().slice(0, 10));
    } finally {
      lib.close();
    }
    // Into the same session by id: the same file is noticed.
    expect(
      await cli(
        clip('running_side_overground_sports2d_demo3.mp4'),
        '--patient',
        'Ana López',
        '--session',
        sessionId,
        '--view',
        'rear',
        '--condition',
        'flat',
      ),
    ).toBe(1);
    expect(io.err).toMatch(/already in this session/);
  });

  it('refuses bad usage with exit code 2 and a bad clip with 1, leaving the library unchanged', async () => {
    const lib = openLibrary(home);
    const before = libraryState(lib);
    lib.close();
    expect(await cli('x.mp4', '--patient', 'Ana López', '--view', 'front', '--condition', 'flat')).toBe(2);
    expect(io.err).toMatch(/--view must be side or rear/);
    expect(
      await cli(
        'x.mp4',
        '--patient',
        'Ana López',
        '--view',
        'side',
        '--condition',
        'flat',
        '--incline',
        '95',
      ),
    ).toBe(2);
    expect(io.err).toMatch(/--incline must be at most 40 %/);
    // Every mistake of one command line at once, not the first of them.
    expect(
      await cli(
        '--patient',
        'Ana López',
        '--view',
        'front',
        '--speed',
        'fast',
        '--incline',
        '95',
        '--shoes',
        'x',
      ),
    ).toBe(2);
    expect(io.err).toContain(
      'stridelab import: 5 problems:\n' +
        '  which clip? Give its path.\n' +
        '  --view must be side or rear.\n' +
        '  --speed must be a number, not "fast".\n' +
        '  --condition is required.\n' +
        '  --incline must be at most 40 %.\n' +
        'Usage: stridelab import',
    );
    // Options it does not know, and one without its value: each said, not the first.
    expect(await cli('x.mp4', '--vew', 'side', '--colour', 'red', '--incline', '-3', '--patient')).toBe(2);
    expect(io.err).toContain(
      'stridelab import: 4 problems:\n' +
        '  Unknown option "--vew".\n' +
        '  Unknown option "--colour".\n' +
        '  --incline -3: write a negative number as --incline=-3.\n' +
        '  --patient needs a value.\n',
    );
    expect(
      await cli(
        clip('running_side_overground_sports2d_demo3.mp4'),
        '--patient',
        'Nobody',
        '--view',
        'side',
        '--condition',
        'flat',
      ),
    ).toBe(1);
    expect(io.err).toMatch(/No patient named or numbered "Nobody"/);
    const empty = join(tempDir('cli-bad'), 'empty clip.mp4');
    writeFileSync(empty, '');
    expect(
      await cli(empty, '--patient', 'Ana López', '--view', 'side', '--condition', 'flat', '--create-patient'),
    ).toBe(1);
    expect(io.err).toMatch(/"empty clip\.mp4" is empty \(0 bytes\)/);
    const after = openLibrary(home);
    try {
      // The session created for the refused clip was taken back.
      expect(libraryState(after)).toEqual(before);
    } finally {
      after.close();
    }
  });

  it('takes the library lock: refuses while the app has the library open', async () => {
    const lib = openLibrary(home);
    try {
      // The operating-system lock is held by this process's open library: the CLI's open is refused.
      expect(
        await cli(
          clip('running_side_overground_sports2d_demo3.mp4'),
          '--patient',
          'Ana López',
          '--view',
          'side',
          '--condition',
          'flat',
        ),
      ).toBe(1);
      expect(io.err).toMatch(/already open in another StrideLab/);
    } finally {
      lib.close();
    }
  });

  it('keeps its one-fact-per-line output when the file name holds a newline', async () => {
    const odd = join(tempDir('cli-odd'), 'run\nrecording 00000000-fake.mp4');
    copyFileSync(clip('running_side_overground_sports2d_demo3.mp4'), odd);
    expect(await cli(odd, '--patient', 'Ana López', '--view', 'side', '--condition', 'flat')).toBe(0);
    const lines = io.out.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Imported "run\?recording 00000000-fake\.mp4" for Ana López/);
    expect(lines.filter((l) => l.startsWith('recording '))).toHaveLength(1);
  });
});
