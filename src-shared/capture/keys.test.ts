import { describe, expect, it } from 'vitest';
import { CAPTURE_KEYS, captureActionFor } from './keys';

describe('capture keys', () => {
  it('R records (either case), Delete discards, Space replays, K toggles the skeleton', () => {
    expect(captureActionFor({ key: 'r' })).toBe('record');
    expect(captureActionFor({ key: 'R' })).toBe('record');
    expect(captureActionFor({ key: 'Delete' })).toBe('discard');
    expect(captureActionFor({ key: ' ' })).toBe('replay');
    expect(captureActionFor({ key: 'k' })).toBe('skeleton');
    expect(captureActionFor({ key: 'G' })).toBe('ghost');
  });

  it('leaves system shortcuts and other keys alone', () => {
    expect(captureActionFor({ key: 'r', ctrlKey: true })).toBeUndefined();
    expect(captureActionFor({ key: 'x' })).toBeUndefined();
  });

  it('binds each key once', () => {
    const all = CAPTURE_KEYS.flatMap((k) => k.keys);
    expect(new Set(all).size).toBe(all.length);
  });
});
