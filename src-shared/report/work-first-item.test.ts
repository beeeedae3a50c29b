import { describe, expect, it } from 'vitest';
import { workFirstItem } from './work-first-item';

describe('workFirstItem', () => {
  it('sets the first sentence off from the rest, then the cue in quotes', () => {
    const item = workFirstItem({
      text: 'Incline: Stiff knee in stance on both sides. Left: tentative; right: firm.',
      cue: { text: 'Soft knees.', source: 'a drill book' },
    });
    expect(item).toEqual({
      found: 'Incline: Stiff knee in stance on both sides.',
      more: ' Left: tentative; right: firm.',
      cue: ' · “Soft knees.”',
    });
  });

  it('keeps a one-sentence text whole, and adds nothing for a finding without a cue', () => {
    expect(workFirstItem({ text: 'Flat: overstriding.' })).toEqual({
      found: 'Flat: overstriding.',
      more: '',
      cue: '',
    });
  });

  it('cuts at a full stop followed by a space only, not inside a number', () => {
    expect(workFirstItem({ text: 'Cadence 1.5 % low. Both sides.' }).found).toBe('Cadence 1.5 % low.');
  });
});
