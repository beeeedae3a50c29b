import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestServices, type TestServices } from '../helpers/test-services';

/**
 * The checked saves as the pages make them (issue 17): patients:update and report:saveEdits with the
 * version the page opened. A save made in between by another workstation is refused with code
 * 'conflict' and the words the page shows ("changed in room 2 at 10:42 … reload to see it, or keep
 * yours"); Keep mine is a save from the newer version; a save without a version is not checked. On a
 * real library through the services, on both backends (test/helpers/test-services.ts).
 */
let t: TestServices;
const room = process.env.STRIDELAB_WORKSTATION;
beforeEach(async () => {
  // This workstation's name, as the other room's message names it.
  process.env.STRIDELAB_WORKSTATION = 'room 2';
  t = await openTestServices();
});
afterEach(async () => {
  await t.close();
  if (room === undefined) delete process.env.STRIDELAB_WORKSTATION;
  else process.env.STRIDELAB_WORKSTATION = room;
});

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await t.services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

const REFUSED = (what: string) =>
  new RegExp(
    `^${what} was changed in room 2 at \\d\\d:\\d\\d while you were editing: reload to see it, or keep yours\\.$`,
  );

describe('checked saves', () => {
  it('a patient: refused when saved meanwhile, with who and when; Keep mine saves from the newer version', async () => {
    const p = await ok<{ id: string }>('patients:create', { name: 'Ann Runner' });
    const opened = await ok<{ version: number }>('patients:stamp', { id: p.id });
    // Room 2 saves first, from the same version.
    await ok('patients:update', { id: p.id, fields: { name: 'Ann Runner-Smith' }, version: opened.version });
    const stamp = await ok<{ version: number; updatedBy: string }>('patients:stamp', { id: p.id });
    expect(stamp).toMatchObject({ version: opened.version + 1, updatedBy: 'room 2' });
    // This page's save, from the version it opened: refused, nothing overwritten.
    const refused = await t.services.dispatch('patients:update', {
      id: p.id,
      fields: { name: 'Ann R.' },
      version: opened.version,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toMatch(REFUSED('This patient'));
    expect((await ok<{ name: string }>('patients:get', { id: p.id })).name).toBe('Ann Runner-Smith');
    // Keep mine.
    await ok('patients:update', { id: p.id, fields: { name: 'Ann R.' }, version: stamp.version });
    expect((await ok<{ name: string }>('patients:get', { id: p.id })).name).toBe('Ann R.');
    // Unchecked (no version): saves, as scripts and older pages do.
    await ok('patients:update', { id: p.id, fields: { name: 'Ann' } });
    expect((await ok<{ version: number }>('patients:stamp', { id: p.id })).version).toBe(stamp.version + 2);
  });

  it("a report's wording: first save, a save over a newer one, a reset meanwhile", async () => {
    const p = await ok<{ id: string }>('patients:create', { name: 'Bo' });
    const s = await ok<{ id: string }>('sessions:create', { patientId: p.id, date: '2026-03-01' });
    const words = (notes: string) => ({ findings: [], plan: [], notes });
    const save = (notes: string, basedOn?: number) =>
      t.services.dispatch('report:saveEdits', {
        sessionId: s.id,
        edits: words(notes),
        ...(basedOn !== undefined ? { basedOn } : {}),
      });
    expect(await ok('report:editsStamp', { sessionId: s.id })).toEqual({ version: 0 });
    expect(await save('room 2 first', 0)).toMatchObject({ ok: true, result: { version: 1 } });
    // Another page that also opened before any save: refused.
    const first = await save('mine', 0);
    expect(first).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!first.ok && first.error.message).toMatch(REFUSED("This report's wording"));
    // Keep mine, from the newer version.
    const stamp = await ok<{ version: number; updatedBy: string }>('report:editsStamp', { sessionId: s.id });
    expect(stamp).toMatchObject({ version: 1, updatedBy: 'room 2' });
    expect(await save('mine', stamp.version)).toMatchObject({ ok: true, result: { version: 2 } });
    // Reset to the suggestions in another room, then a save from before it.
    await ok('report:resetEdits', { sessionId: s.id });
    const afterReset = await save('late', 2);
    expect(afterReset).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!afterReset.ok && afterReset.error.message).toMatch(
      /reset to the suggestions on another workstation/,
    );
    expect(await save('late', 0)).toMatchObject({ ok: true, result: { version: 1 } });
  });
});
