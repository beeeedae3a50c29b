import { describe, expect, it } from 'vitest';
import { hertz, seconds } from '../units';
import {
  expectedFrames,
  lostFramesWarning,
  rateFraction,
  formatTakeTime,
  frameCountMatches,
  nextTakeNumber,
  takeFileName,
  takeName,
} from './takes';

describe('takes', () => {
  it('names and numbers takes', () => {
    expect(takeName(' flat ', 2)).toBe('flat · take 2');
    expect(nextTakeNumber([])).toBe(1);
    expect(nextTakeNumber([1, 3, 2])).toBe(4);
  });

  it('makes file names safe on every file system', () => {
    expect(takeFileName('2026-11-21', 'Incline 5 % / race shoes', 'side', 3, '.webm')).toBe(
      '2026-11-21_incline-5-race-shoes_side_take3.webm',
    );
    expect(takeFileName('2026-11-21', 'Pénté', 'rear', 1, 'webm')).toBe('2026-11-21_pente_rear_take1.webm');
    expect(takeFileName('2026-11-21', '///', 'rear', 1, 'webm')).toBe('2026-11-21_take_rear_take1.webm');
  });

  it('expects duration × rate frames, within two', () => {
    expect(expectedFrames(seconds(5), hertz(30))).toBe(150);
    expect(expectedFrames(seconds(5), hertz(59.94))).toBe(300);
    expect(frameCountMatches(148, 150)).toBe(true);
    expect(frameCountMatches(152, 150)).toBe(true);
    expect(frameCountMatches(147, 150)).toBe(false);
  });

  it('turns a camera rate into the fraction a file declares', () => {
    expect(rateFraction(30)).toEqual({ num: 30, den: 1 });
    expect(rateFraction(59.94005994)).toEqual({ num: 60000, den: 1001 });
    expect(rateFraction(29.97)).toEqual({ num: 30000, den: 1001 });
    expect(rateFraction(12.5)).toEqual({ num: 12500, den: 1000 });
  });

  it('warns when the recorder lost frames the camera sent', () => {
    expect(lostFramesWarning('side', 150, 148)).toBeUndefined();
    expect(lostFramesWarning('side', undefined, 140)).toBeUndefined();
    expect(lostFramesWarning('rear', 150, 120)).toMatch(
      /^The rear camera sent 150 frames but only 120 were recorded: the computer could not keep up/,
    );
  });

  it('formats the running timer', () => {
    expect(formatTakeTime(seconds(0))).toBe('0:00.0');
    expect(formatTakeTime(seconds(7.46))).toBe('0:07.4');
    expect(formatTakeTime(seconds(75.05))).toBe('1:15.0');
  });
});
