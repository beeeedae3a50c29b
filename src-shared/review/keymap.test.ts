import { describe, expect, it } from 'vitest';
import { actionFor, KEYMAP, toolKey } from './keymap';
import { MEASUREMENT_TOOLS } from './measure';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean }> = {}) =>
  actionFor({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('review keys: zoom, pan, one player, measure tools', () => {
  it('binds every key and modifier combination to one action only (no clash)', () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP)
      for (const k of b.keys) {
        const id = `${k}|${Boolean(b.mod)}|${Boolean(b.alt)}|${b.shift ?? 'any'}`;
        expect(seen.get(id), `${id}: ${b.label} vs ${seen.get(id)}`).toBeUndefined();
        seen.set(id, b.label);
      }
  });

  // "O" and "0" look alike in the help's key font: each says which it is.
  it('names the letter O and the zero in the keyboard help, and shows every key once', () => {
    const shown = (label: string) => KEYMAP.find((b) => b.label === label)!.shown;
    expect(shown('Overlays on / off')).toBe('O (letter)');
    expect(shown('Whole picture (no zoom)')).toBe('0 (zero)');
    expect(new Set(KEYMAP.map((b) => b.shown)).size).toBe(KEYMAP.length);
  });

  it('zooms with Z / Shift+Z / 0 and leaves - and + to the playback speed', () => {
    expect(key('z')).toEqual({ type: 'zoom', dir: 1 });
    expect(key('Z', { shiftKey: true })).toEqual({ type: 'zoom', dir: -1 });
    expect(key('0')).toEqual({ type: 'zoom', dir: 0 });
    expect(key('z', { ctrlKey: true })).toEqual({ type: 'undo' });
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toEqual({ type: 'redo' });
    expect(key('-')).toEqual({ type: 'rate', dir: -1 });
    expect(key('+', { shiftKey: true })).toEqual({ type: 'rate', dir: 1 });
  });

  it('pans with Ctrl+arrows, while plain and Alt arrows keep stepping frames and moving points', () => {
    expect(key('ArrowLeft', { ctrlKey: true })).toMatchObject({ type: 'pan', dy: 0 });
    expect(key('ArrowUp', { ctrlKey: true })).toMatchObject({ type: 'pan', dx: 0 });
    expect(key('ArrowLeft')).toEqual({ type: 'step', delta: -1 });
    expect(key('ArrowLeft', { altKey: true })).toEqual({ type: 'nudge-point', dx: -1, dy: 0 });
  });

  it('puts one player in the whole space with F, and arms each measure tool on its own key', () => {
    expect(key('f')).toEqual({ type: 'solo' });
    const keys = MEASUREMENT_TOOLS.map(toolKey);
    expect(new Set(keys).size).toBe(MEASUREMENT_TOOLS.length);
    for (const tool of MEASUREMENT_TOOLS) {
      expect(key(toolKey(tool).toLowerCase())).toEqual({ type: 'tool', tool });
      expect(key(toolKey(tool), { shiftKey: true })).toEqual({ type: 'tool', tool });
    }
  });

  it('corrects gait events with I / T (Shift: right foot) and Delete, without taking another key', () => {
    expect(key('i')).toEqual({ type: 'mark-event', kind: 'initial-contact', side: 'left' });
    expect(key('I', { shiftKey: true })).toEqual({
      type: 'mark-event',
      kind: 'initial-contact',
      side: 'right',
    });
    expect(key('t')).toEqual({ type: 'mark-event', kind: 'toe-off', side: 'left' });
    expect(key('T', { shiftKey: true })).toEqual({ type: 'mark-event', kind: 'toe-off', side: 'right' });
    expect(key('Delete')).toEqual({ type: 'delete-event' });
    expect(key('Backspace')).toEqual({ type: 'delete-event' });
    // The keys that were there keep their meaning.
    expect(key('e')).toEqual({ type: 'edit-points' });
    expect(key('l')).toEqual({ type: 'loop', kind: 'stride' });
    expect(key(']')).toEqual({ type: 'event', dir: 1 });
  });
});
