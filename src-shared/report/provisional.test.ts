import { describe, expect, it } from 'vitest';
import { buildReport } from './build';
import { applyEdits } from './edits';
import { clipClock, provisionalWhere, provisionalWords } from './provisional';
import { flatCondition, reportInput, runnerClip } from './testing/report-input';

const W = { fromS: 54.8, toS: 65.02, strides: { left: 11, right: 13 } };

describe('provisional words', () => {
  it('say the window in the clinic words', () => {
    expect(clipClock(54.8)).toBe('0:54');
    expect(clipClock(125)).toBe('2:05');
    expect(provisionalWords(W)).toBe(
      'Provisional: from 0:54–1:05 of steady running (11 strides left, 13 right); the whole clip is still being analysed.',
    );
    expect(provisionalWords(W, 'rear')).toBe(
      'Provisional: the rear clip from 0:54–1:05 of steady running (11 strides left, 13 right); the whole clip is still being analysed.',
    );
    expect(provisionalWords(W, undefined, 'Flat')).toBe(
      'Flat, provisional: from 0:54–1:05 of steady running (11 strides left, 13 right); the whole clip is still being analysed.',
    );
    expect(provisionalWhere(W, 'Flat')).toBe('Flat (provisional, 0:54–1:05)');
    expect(provisionalWhere(W, undefined)).toBe('Provisional (0:54–1:05)');
  });

  it('mark a provisional clip wherever its numbers appear in the report model, and nothing else', () => {
    // A runner with a designed stiff knee, so the provisional clip has a finding to prefix.
    const design = {
      fps: 60,
      durationS: 8,
      seed: 3,
      noisePx: 2,
      speedKmh: 11,
      stanceKneePeakDeg: 30,
    } as const;
    const clip = runnerClip({ view: 'side', ...design });
    expect(clip.analysis.findings.length).toBeGreaterThan(0);
    const { model } = buildReport(
      reportInput([
        { id: 'c1', label: 'Flat', clips: [{ ...clip, provisional: W }] },
        { id: 'c2', label: 'Incline', clips: [clip] },
      ]),
    );
    const [flat, incline] = model.conditions;
    expect(flat!.provisional).toEqual([provisionalWords(W)]);
    expect(flat!.clips[0]!.provisional).toEqual(W);
    expect(incline!.provisional).toBeUndefined();
    expect(incline!.clips[0]!.provisional).toBeUndefined();
    expect(model.provisional).toEqual([provisionalWords(W, undefined, 'Flat')]);
    const flatFindings = model.findings.filter((f) => f.text.startsWith('Flat'));
    expect(flatFindings.length).toBeGreaterThan(0);
    for (const f of flatFindings) expect(f.text.startsWith('Flat (provisional, 0:54–1:05): ')).toBe(true);
    for (const f of model.findings.filter((x) => x.text.startsWith('Incline')))
      expect(f.text).not.toContain('provisional');
    // The same clip analysed whole: no trace of the window anywhere.
    const whole = buildReport(reportInput([flatCondition(clip)])).model;
    expect(whole.provisional).toBeUndefined();
    expect(whole.conditions[0]!.provisional).toBeUndefined();
    expect(whole.findings.some((f) => f.text.includes('(provisional, '))).toBe(false);
    // The PT kept the provisional findings as their own words; once the clip is whole the words
    // stay theirs, and the window's label goes, since it no longer says where the numbers came from.
    const kept = flatFindings.map((f) => ({
      id: f.id,
      text: `${f.text} Seen on the treadmill too.`,
      evidence: [],
    }));
    const edited = applyEdits(whole, [], { findings: kept, plan: [], notes: '' });
    expect(edited.findings.length).toBe(kept.length);
    for (const f of edited.findings) {
      expect(f.text).toMatch(/^Flat: .+ Seen on the treadmill too\.$/);
      expect(f.text).not.toContain('provisional');
    }
    // While the clip is still provisional the label stays.
    const still = applyEdits(model, [], { findings: kept, plan: [], notes: '' });
    for (const f of still.findings) expect(f.text.startsWith('Flat (provisional, 0:54–1:05): ')).toBe(true);
  });
});
