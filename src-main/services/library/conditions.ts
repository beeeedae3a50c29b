import type { Condition } from '../../../src-shared/contract/recordings';
import {
  changeSettings,
  withPlanned,
  type PlannedCondition,
  type SettingsChange,
} from '../../../src-shared/library/conditions';
import type { DataLayer } from '../../data';
import { ServiceError } from '../errors';
import { getSession } from './sessions';

/**
 * The conditions a PT plans for a session (docs/library-layout.md, "Conditions"): stored with the
 * session the moment they are typed, so they survive a restart and show on every workstation of a
 * clinic server, and used by the clips imported or captured into them afterwards.
 */

export async function listConditions(data: DataLayer, sessionId: string): Promise<PlannedCondition[]> {
  await getSession(data, sessionId);
  return data.conditions.listForSession(sessionId);
}

/**
 * Store the condition with its settings changed, and change the clips already filed under it alike
 * (the report and the review read a condition from its clips), all or nothing. Returns the ids of
 * the clips whose condition changed, for their analysis and the pages showing them.
 */
export async function saveCondition(
  data: DataLayer,
  sessionId: string,
  label: string,
  change: SettingsChange,
  now = new Date(),
): Promise<{ condition: PlannedCondition; changedClips: string[] }> {
  return data.transaction(async (tx) => {
    await getSession(tx, sessionId);
    const at = now.toISOString();
    const condition = changeSettings((await tx.conditions.get(sessionId, label)) ?? { label }, change);
    await tx.conditions.put(sessionId, condition, at);
    const changedClips: string[] = [];
    for (const r of await clipsOf(tx, sessionId, label)) {
      const changed = changeSettings(r.condition, change);
      if (JSON.stringify(changed) === JSON.stringify(r.condition)) continue;
      const trim = { trimStart: r.trim.startFrame, trimEnd: r.trim.endFrame };
      await tx.recordings.update(r.id, { view: r.view, condition: changed, ...trim }, at);
      changedClips.push(r.id);
    }
    return { condition, changedClips };
  });
}

/** Take a planned condition off the session; refused, with nothing changed, while clips are filed under it. */
export async function removeCondition(
  data: DataLayer,
  sessionId: string,
  label: string,
): Promise<{ removed: boolean }> {
  return data.transaction(async (tx) => {
    await getSession(tx, sessionId);
    const clips = await clipsOf(tx, sessionId, label);
    if (clips.length)
      throw new ServiceError(
        'conflict',
        `${clips.length === 1 ? 'A clip is' : `${clips.length} clips are`} filed under "${label}": move or delete ${clips.length === 1 ? 'it' : 'them'} first. The condition was kept.`,
        'label',
      );
    return { removed: await tx.conditions.remove(sessionId, label) };
  });
}

/** The condition a clip is imported or captured under, with the settings planned for its label. */
export async function plannedCondition(
  data: DataLayer,
  sessionId: string,
  condition: Condition,
): Promise<Condition> {
  return withPlanned(condition, await data.conditions.get(sessionId, condition.label));
}

async function clipsOf(data: DataLayer, sessionId: string, label: string) {
  return (await data.recordings.listForSession(sessionId)).filter((r) => r.condition.label === label);
}
