import { describe, expect, it } from 'vitest';
import { unitStartFor } from '../../scripts/bench/condition/clips';

/**
 * The condition bench's long take is the 12 s real clip looped from `unitStartFor(take)`: the take's
 * centre, where the steady window sits, must fall at 6 s of the real clip, half a loop from the
 * joins, for any even take length.
 */
describe('unitStartFor', () => {
  it('puts the take centre midway between two loop joins', () => {
    expect(unitStartFor(120)).toBe(6);
    expect(unitStartFor(30)).toBe(3);
    expect(unitStartFor(36)).toBe(0);
    for (let take = 24; take <= 240; take += 2) {
      const start = unitStartFor(take);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(start).toBeLessThan(12);
      expect((start + take / 2) % 12).toBe(6);
    }
  });
});
