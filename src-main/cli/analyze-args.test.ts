import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnalyzeArgs, type UsageError } from './analyze-args';
import { createProgress } from './progress';

describe('stridelab analyze options', () => {
  it('reads clips, output, model and conditions, with defaults', () => {
    const o = parseAnalyzeArgs(
      ['--side', 'a.mp4', '--rear=b.mp4', '--model', 'lite', '--speed', '11.5', '--height', '172'],
      {},
    );
    expect(o).toMatchObject({
      side: resolve('a.mp4'),
      rear: resolve('b.mp4'),
      out: resolve('stridelab-report'),
      model: 'lite',
      speedKmh: 11.5,
      heightCm: 172,
      patient: 'Unnamed runner',
      condition: 'flat',
      video: false,
      demo: false,
    });
    expect(o.home).toBeUndefined();
    expect(parseAnalyzeArgs(['--demo'], {})).toMatchObject({
      demo: true,
      model: 'full',
      patient: 'Demo runner',
    });
    // $STRIDELAB_HOME keeps the run in that library, as --home does.
    expect(parseAnalyzeArgs(['--side', 'a.mp4'], { STRIDELAB_HOME: '/lib' }).home).toBe(resolve('/lib'));
    // The side clip's markers from `stridelab markers --out`.
    expect(parseAnalyzeArgs(['--side', 'a.mp4', '--side-markers', 'm.json'], {}).sideMarkers).toBe(
      resolve('m.json'),
    );
    // And the rear clip's (rearfoot eversion).
    expect(
      parseAnalyzeArgs(['--side', 'a.mp4', '--rear', 'b.mp4', '--rear-markers', 'r.json'], {}).rearMarkers,
    ).toBe(resolve('r.json'));
  });

  it('refuses what it cannot run, in words that say what to do', () => {
    const bad: [string[], RegExp][] = [
      [[], /Give at least a side-view clip/],
      [['--rear', 'b.mp4'], /gait events come from the side view/],
      [['--demo', '--side-markers', 'm.json'], /--side-markers goes with --side <clip>/],
      [['--side', 'a.mp4', '--rear-markers', 'r.json'], /--rear-markers goes with --rear <clip>/],
      [['--side', 'a.mp4', '--model', 'huge'], /--model must be lite, full or heavy/],
      [['--side', 'a.mp4', '--speed', 'fast'], /--speed needs a number \(km\/h\)/],
      [['--side', 'a.mp4', '--incline', '80'], /--incline must be between -10 and 40 %/],
      [['--side'], /--side needs a value/],
      [['--side', 'a.mp4', '--side', 'b.mp4'], /--side is given twice/],
      [['--side', 'a.mp4', '--colour'], /Unknown option "--colour"/],
      [['--side', 'a.mp4', '--rear-landmarks', 'r.json'], /--rear-landmarks goes with --rear/],
    ];
    for (const [argv, message] of bad)
      expect(() => parseAnalyzeArgs(argv, {}), argv.join(' ')).toThrow(message);
  });

  it('says every mistake of one command line at once', () => {
    const argv = [
      '--rear',
      'b.mp4',
      '--model',
      'huge',
      '--speed',
      'fast',
      '--height',
      '17',
      '--colour',
      '--out',
    ];
    let problems: readonly string[] = [];
    try {
      parseAnalyzeArgs(argv, {});
    } catch (err) {
      problems = (err as UsageError).problems;
    }
    expect(problems).toEqual([
      'Unknown option "--colour".',
      '--out needs a value.',
      '--model must be lite, full or heavy, not "huge".',
      'A rear clip alone cannot be analysed: the gait events come from the side view. Add --side <clip>.',
      '--speed needs a number (km/h), not "fast".',
      '--height must be between 50 and 250 cm, not 17.',
    ]);
  });
});

describe('progress', () => {
  function sink(tty: boolean) {
    let text = '';
    const stream = {
      write: (s: string) => ((text += s), true),
      columns: 80,
    } as unknown as NodeJS.WriteStream;
    return { progress: createProgress(stream, tty), text: () => text };
  }

  it('off a terminal: one line per phase and per quarter, no carriage returns', () => {
    const s = sink(false);
    for (let i = 0; i <= 20; i++) s.progress.update('pose', i / 20, `frame ${i}`);
    s.progress.update('report', 0.5);
    expect(s.text()).not.toContain('\r');
    expect(s.text().split('\n').filter(Boolean)).toEqual([
      'pose: 0% (frame 0)',
      'pose: 25% (frame 5)',
      'pose: 50% (frame 10)',
      'pose: 75% (frame 15)',
      'pose: 100% (frame 20)',
      'report: 50%',
    ]);
  });

  it('on a terminal: one redrawn bar, cleared before a log line', () => {
    const s = sink(true);
    s.progress.update('pose', 0.5);
    s.progress.log('note');
    const ESC = String.fromCharCode(27);
    const [bar, note] = s.text().split(`\r${ESC}[2K`).filter(Boolean);
    expect(bar).toMatch(/^pose +█+░+ +50%$/);
    expect(note).toBe('note\n');
  });
});
