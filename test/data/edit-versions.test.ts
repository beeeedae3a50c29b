import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conflictMessage } from '../../src-main/data/versions';
import { openTestLibrary, type TestLibrary } from '../helpers/test-library';

/** Checked saves of a patient (migration 0011), on both backends (test-library.ts). */
let lib: TestLibrary;
beforeEach(async () => {
  lib = await openTestLibrary();
});
afterEach(async () => {
  await lib.close();
});

describe('edit versions', () => {
  it('saves from the current version, refuses a save from an older one and says who saved', async () => {
    const { patients } = lib.data;
    await patients.insert('p1', { name: 'Ann', sex: 'female' }, '2026-01-01T00:00:00.000Z');
    expect(await patients.stamp('p1')).toEqual({ version: 1, updatedAt: '2026-01-01T00:00:00.000Z' });
    const t2 = '2026-01-02T10:42:00.000Z';
    expect(await patients.updateChecked('p1', { name: 'Ann B', sex: 'female' }, t2, 1, 'room 2')).toEqual({
      saved: true,
      version: 2,
    });
    // Room 1 started from version 1 too: refused, nothing written, and told by whom and when.
    const late = await patients.updateChecked('p1', { name: 'Ann C', sex: 'female' }, 't3', 1, 'room 1');
    expect(late).toEqual({ saved: false, current: { version: 2, updatedAt: t2, updatedBy: 'room 2' } });
    expect((await patients.get('p1'))?.name).toBe('Ann B');
    if (!late.saved) {
      const local = new Date(t2);
      const hhmm = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
      expect(conflictMessage(late.current, 'The patient')).toBe(
        `The patient was changed in room 2 at ${hhmm} while you were editing: reload to see it, or keep yours.`,
      );
      // Keep mine: save again from the version now current.
      expect(
        await patients.updateChecked(
          'p1',
          { name: 'Ann C', sex: 'female' },
          't4',
          late.current.version,
          'room 1',
        ),
      ).toEqual({ saved: true, version: 3 });
    }
    // An unchecked save still raises the version, so a checked one after it is not fooled.
    await patients.update('p1', { name: 'Ann D', sex: 'female' }, 't5');
    expect((await patients.stamp('p1'))?.version).toBe(4);
    expect((await patients.updateChecked('p1', { name: 'X', sex: 'female' }, 't6', 3, 'room 1')).saved).toBe(
      false,
    );
  });

  it('checks report edits the same way, the first save included', async () => {
    const { data } = lib;
    await data.patients.insert('p1', { name: 'Ann', sex: 'female' }, 't0');
    await data.sessions.insert(
      's1',
      {
        patientId: 'p1',
        date: '2026-01-02',
        injurySide: 'none',
        treadmillSpeedsKmh: [],
        treadmillInclinesPct: [],
      },
      't0',
    );
    const edits = (notes: string) => ({ findings: [], plan: [], notes });
    expect(await data.reportEdits.stamp('s1')).toBeUndefined();
    expect(await data.reportEdits.putChecked('s1', edits('room 2'), 't1', null, 'room 2')).toEqual({
      saved: true,
      version: 1,
    });
    // Room 1 also opened the report before anyone saved: its first save is refused, not merged.
    expect(await data.reportEdits.putChecked('s1', edits('room 1'), 't2', null, 'room 1')).toEqual({
      saved: false,
      current: { version: 1, updatedAt: 't1', updatedBy: 'room 2' },
    });
    expect(await data.reportEdits.putChecked('s1', edits('room 1'), 't3', 1, 'room 1')).toEqual({
      saved: true,
      version: 2,
    });
    expect((await data.reportEdits.putChecked('s1', edits('late'), 't4', 1, 'room 2')).saved).toBe(false);
    expect((await data.reportEdits.get('s1'))?.notes).toBe('room 1');
  });
});
