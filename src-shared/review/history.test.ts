import { describe, expect, it } from 'vitest';
import { emptyHistory, invert, record, redo, undo, type Change } from './history';

type Edit = Change<number | null> & { key: string };

/** Apply edits to a plain document the way the review applies corrections. */
const apply = (doc: Map<string, number>, e: Edit): void => {
  if (e.after === null) doc.delete(e.key);
  else doc.set(e.key, e.after);
};

describe('undo/redo of edits', () => {
  it('walks back and forth and a new edit drops the redo branch', () => {
    const doc = new Map<string, number>();
    let h = emptyHistory<Edit>();
    const edits: Edit[] = [
      { key: 'knee@3', before: null, after: 10 },
      { key: 'knee@3', before: 10, after: 12 },
      { key: 'hip@4', before: null, after: 7 },
    ];
    for (const e of edits) {
      apply(doc, e);
      h = record(h, e);
    }
    let r = undo(h);
    apply(doc, invert(r.edit!));
    r = undo(r.history);
    apply(doc, invert(r.edit!));
    expect([...doc]).toEqual([['knee@3', 10]]);
    const again = redo(r.history);
    apply(doc, again.edit!);
    expect([...doc]).toEqual([['knee@3', 12]]);
    h = record(again.history, { key: 'ankle@1', before: null, after: 1 });
    expect(redo(h).edit).toBeUndefined();
    expect(h.past).toHaveLength(3);
  });
  it('does nothing on empty stacks and keeps at most the limit', () => {
    expect(undo(emptyHistory()).edit).toBeUndefined();
    let h = emptyHistory<number>();
    for (let i = 0; i < 10; i++) h = record(h, i, 4);
    expect(h.past).toEqual([6, 7, 8, 9]);
  });
});
