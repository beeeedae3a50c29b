import { describe, expect, it } from 'vitest';
import { ghostRecording, previousSession } from './ghost';

const s = (id: string, date: string, createdAt = `${date}T09:00:00Z`, deletedAt?: string) => ({
  id,
  date,
  createdAt,
  ...(deletedAt ? { deletedAt } : {}),
});

describe('the ghost of the last session', () => {
  it('takes the latest earlier session, skipping the trash and later ones', () => {
    const sessions = [
      s('a', '2026-09-01'),
      s('b', '2026-10-01'),
      s('trashed', '2026-10-15', undefined, '2026-10-16T00:00:00Z'),
      s('now', '2026-11-21'),
      s('later', '2026-12-01'),
    ];
    expect(previousSession(sessions, sessions[3]!)?.id).toBe('b');
    expect(previousSession(sessions, sessions[0]!)).toBeUndefined();
  });

  it('orders two sessions of the same day by when they were made', () => {
    const morning = s('m', '2026-11-21', '2026-11-21T08:00:00Z');
    const noon = s('n', '2026-11-21', '2026-11-21T12:00:00Z');
    expect(previousSession([noon, morning], noon)?.id).toBe('m');
  });

  it("shows the view's newest clip that is not in the trash", () => {
    const recs = [
      { id: 'side1', view: 'side', createdAt: '2026-10-01T09:00:00Z' },
      { id: 'side2', view: 'side', createdAt: '2026-10-01T09:05:00Z' },
      { id: 'side3', view: 'side', createdAt: '2026-10-01T09:09:00Z', deletedAt: '2026-10-01T09:10:00Z' },
      { id: 'rear1', view: 'rear', createdAt: '2026-10-01T09:00:00Z' },
    ];
    expect(ghostRecording(recs, 'side')?.id).toBe('side2');
    expect(ghostRecording(recs, 'rear')?.id).toBe('rear1');
    expect(ghostRecording([], 'rear')).toBeUndefined();
  });
});
