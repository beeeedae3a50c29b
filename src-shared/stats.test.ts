import { describe, expect, it } from 'vitest';
import { median } from './stats';

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones, whatever the order', () => {
    const odd = [9, 1, 5, 3, 7];
    expect(median(odd)).toBe(5);
    expect(odd).toEqual([9, 1, 5, 3, 7]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([-2])).toBe(-2);
    expect(median([])).toBeNaN();
  });
});
