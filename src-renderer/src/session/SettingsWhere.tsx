import {
  formSettings,
  settingsText,
  type PlannedCondition,
  type SessionSettings,
} from '../../../src-shared/library/conditions';

/**
 * Under the session form's speeds and inclines: where what the PT types goes, condition by
 * condition, before it is saved ("flat: 10 km/h · 0 % incline"), and, where several speeds are
 * typed and nothing says whose, that they go to no condition and how to say it. "10 12" with no
 * inclines used to be saved as it was and printed as "—" for flat and incline in the report.
 */
export function SettingsWhere(props: { planned: readonly PlannedCondition[]; session: SessionSettings }) {
  const valid = (xs: readonly number[]) => xs.every((x) => Number.isFinite(x));
  if (!valid(props.session.treadmillSpeedsKmh) || !valid(props.session.treadmillInclinesPct)) return null;
  const { conditions, unplaced } = formSettings(props.planned, props.session);
  if (props.session.treadmillSpeedsKmh.length + props.session.treadmillInclinesPct.length === 0) return null;
  const speeds = unplaced.map((x) => `${x}`);
  const list = speeds.length > 1 ? `${speeds.slice(0, -1).join(', ')} and ${speeds.at(-1)}` : speeds[0];
  return (
    <div className="settings-where" data-testid="settings-where">
      <p className="muted" role="status">
        {conditions.map(({ label, settings }, i) => (
          <span key={label}>
            {i > 0 && '; '}
            <strong>{label}</strong>: {settingsText(settings) || 'no speed or incline'}
          </span>
        ))}
      </p>
      {unplaced.length > 0 && (
        <p className="notice" data-testid="settings-unplaced">
          {list} km/h {unplaced.length > 1 ? 'go' : 'goes'} to no condition: type the inclines in the same
          order (speeds 10 12 with inclines 0 5 is flat at 10 km/h, incline at 12), or give each condition its
          speed on the session page.
        </p>
      )}
    </div>
  );
}
