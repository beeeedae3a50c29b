import { describe, expect, it } from 'vitest';
import type { Finding } from './model';
import { runnerItems, seenIn, splitFindings } from './priorities';

// The same rule found in two conditions: the clinician's words name the condition, the runner's do not.
const overstride = (where: string): Finding => ({
  id: `overstride-both-${where}`,
  text: `${where}: Overstriding on both sides.`,
  condition: where.toLowerCase(),
  evidence: [],
  plain: 'Your foot lands well ahead of your body.',
  cue: { text: 'Land under your hips.' },
  drills: ['cadence'],
});
const lean: Finding = {
  id: 'trunk-lean',
  text: 'Flat: Forward trunk lean.',
  condition: 'flat',
  evidence: [],
  cue: { text: 'Run tall.' },
};

describe("the runner's page's items", () => {
  it('says a finding found in flat and incline once, in its first place', () => {
    const first = splitFindings([overstride('Flat'), lean, overstride('Incline')]).first;
    expect(first).toHaveLength(3);
    expect(runnerItems(first).map((x) => x.finding.id)).toEqual(['overstride-both-Flat', 'trunk-lean']);
  });

  it("carries every condition an item was seen in, each once, none for the PT's own finding", () => {
    const mine: Finding = { id: 'pt-1', text: 'Heavy landing on the right.', evidence: [] };
    const items = runnerItems([overstride('Flat'), lean, overstride('Incline'), mine]);
    expect(items.map((x) => x.conditions)).toEqual([['flat', 'incline'], ['flat'], []]);
    // Seen twice in one condition (two clips): named once.
    expect(runnerItems([lean, { ...lean, id: 'trunk-lean-2' }])[0]!.conditions).toEqual(['flat']);
  });

  it("names the conditions in the report's order", () => {
    const conditions = [
      { id: 'flat', label: 'Flat' },
      { id: 'incline', label: 'Incline' },
      { id: 'fast', label: '12 km/h' },
    ];
    expect(seenIn(['incline', 'flat'], conditions)).toBe('Flat and Incline');
    expect(seenIn(['fast'], conditions)).toBe('12 km/h');
    expect(seenIn(['fast', 'incline', 'flat'], conditions)).toBe('Flat, Incline and 12 km/h');
    expect(seenIn([], conditions)).toBeUndefined();
    expect(seenIn(['gone'], conditions)).toBeUndefined();
  });

  it('keeps findings apart that read differently to the runner', () => {
    const incline = overstride('Incline');
    const otherCue = { ...incline, cue: { text: 'Quick, light steps.' } };
    const otherDrill = { ...incline, drills: ['hip-strength'] };
    const noPlain = { ...overstride('Flat'), plain: undefined };
    for (const second of [otherCue, otherDrill])
      expect(runnerItems([overstride('Flat'), second])).toHaveLength(2);
    // Without plain words the runner reads the clinician's text, which names its condition.
    expect(runnerItems([noPlain, { ...incline, plain: undefined }])).toHaveLength(2);
    expect(runnerItems([lean, { ...lean, id: 'trunk-lean-2' }])).toHaveLength(1);
  });
});
