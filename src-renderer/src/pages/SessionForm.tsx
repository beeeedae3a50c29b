import { useEffect, useState } from 'react';
import type { Session } from '../../../src-shared/library/model';
import { INJURY_SIDES } from '../../../src-shared/library/model';
import { api, ApiError } from '../api/client';
import { Field } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { numList, text, useForm } from '../components/useForm';
import { todayIso } from '../format';
import { STORY_EMPTY, StoryFields, storyFields, storyValues } from '../progress/StoryFields';
import { FormOpening } from '../components/FormOpening';
import { SettingsWhere } from '../session/SettingsWhere';
import type { PlannedCondition } from '../../../src-shared/library/conditions';

/** Read when used, not when the module loads: the app may stay open past midnight. */
const empty = () => ({
  date: todayIso(),
  clinician: '',
  complaint: '',
  injurySide: 'none',
  shoes: '',
  speeds: '',
  inclines: '',
  notes: '',
  ...STORY_EMPTY,
});

/** The form's values from a stored session; `followUp` keeps what carries over to a new visit. */
function valuesOf(s: Session, followUp: boolean): ReturnType<typeof empty> {
  return {
    date: followUp ? todayIso() : s.date,
    clinician: s.clinician ?? '',
    complaint: s.complaint ?? '',
    injurySide: s.injurySide,
    shoes: s.shoes ?? '',
    speeds: s.treadmillSpeedsKmh.join(' '),
    inclines: s.treadmillInclinesPct.join(' '),
    // Notes are about that visit, not this one.
    notes: followUp ? '' : (s.notes ?? ''),
    // The patient's own story is about that visit too (symptoms, loaded apart).
    ...STORY_EMPTY,
  };
}

/**
 * The last visit's values under what the PT has typed already: the prefill answers after the form
 * shows, and a quick typist's words in a box must not be replaced by the last visit's.
 */
function underTyped<T extends Record<string, string>>(typed: T, blank: T, last: T): T {
  const out = { ...last };
  for (const k of Object.keys(typed) as (keyof T)[]) if (typed[k] !== blank[k]) out[k] = typed[k];
  return out;
}

/**
 * New session (for a patient) or edit one. Dated today by default. A returning patient's new
 * session starts from the last one (complaint, injured side, shoes, speeds, inclines, clinician:
 * workflow.md, "often a returning patient"), said above the form with a way back to an empty form.
 */
export function SessionForm(props: { patientId?: string; id?: string; onDone: (s: Session) => void }) {
  // Speeds and inclines are typed as text here; the service names the lists it checks.
  const form = useForm(empty(), { treadmillSpeedsKmh: 'speeds', treadmillInclinesPct: 'inclines' });
  const { setValues } = form;
  const [prefilledFrom, setPrefilledFrom] = useState<string | undefined>(undefined);
  // A new session once saved is updated by a second Save (e.g. after a symptom box was refused), never duplicated.
  const [savedId, setSavedId] = useState<string | undefined>(props.id);
  // An edit shows its form only once the session is in it: typed into before, the letters were
  // replaced when the session came, and Enter saved the empty boxes over the session (and its story).
  const [opened, setOpened] = useState<{ ok: boolean; error?: string }>({ ok: !props.id });
  // The conditions planned on the session's page, for saying where the speeds typed here go.
  const [planned, setPlanned] = useState<readonly PlannedCondition[]>([]);
  useEffect(() => {
    if (!props.id) return;
    Promise.all([
      api('sessions:get', { id: props.id }),
      api('symptoms:get', { sessionId: props.id }),
      api('conditions:list', { sessionId: props.id }),
    ]).then(
      ([s, story, conditions]) => {
        setValues({ ...valuesOf(s, false), ...storyValues(story) });
        setPlanned(conditions);
        setOpened({ ok: true });
      },
      (err: unknown) => setOpened({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  }, [props.id, setValues]);
  useEffect(() => {
    if (props.id || !props.patientId) return;
    let live = true;
    // Newest first (date, then creation): the patient's last visit.
    void api('sessions:list', { patientId: props.patientId }).then((list) => {
      const last = list[0];
      if (!live || !last) return;
      setValues((typed) => underTyped(typed, empty(), valuesOf(last, true)));
      setPrefilledFrom(last.date);
    });
    return () => {
      live = false;
    };
  }, [props.id, props.patientId, setValues]);

  const v = form.values;
  const save = (e: React.FormEvent): void => {
    e.preventDefault();
    const fields = {
      date: v.date,
      clinician: text(v.clinician),
      complaint: text(v.complaint),
      injurySide: v.injurySide as Session['injurySide'],
      shoes: text(v.shoes),
      treadmillSpeedsKmh: numList(v.speeds),
      treadmillInclinesPct: numList(v.inclines),
      notes: text(v.notes),
    };
    void form.submit(async () => {
      const session = savedId
        ? await api('sessions:update', { id: savedId, fields })
        : await api('sessions:create', { ...fields, patientId: props.patientId ?? '' });
      setSavedId(session.id);
      try {
        await api('symptoms:set', { sessionId: session.id, fields: storyFields(v) });
      } catch (err) {
        // The story's notes share the wire name `notes` with the session's: put the message on its own box.
        if (!(err instanceof ApiError)) throw err;
        const own = (field?: string) => (field === 'fields.notes' ? 'storyNotes' : field);
        const problems = err.problems.map((p) => ({ ...p, field: own(p.field) }));
        throw new ApiError({ code: err.code, message: err.message, field: own(err.field), problems });
      }
      return session;
    }, props.onDone);
  };

  if (!opened.ok) return <FormOpening title="Edit session" error={opened.error} />;
  return (
    <section className="page narrow">
      <h1>{props.id ? 'Edit session' : 'New session'}</h1>
      {prefilledFrom && (
        <p className="notice" role="status" data-testid="prefilled">
          Filled in from the last session ({prefilledFrom}): check what changed.{' '}
          <button
            type="button"
            className="secondary small"
            onClick={() => {
              setValues(empty());
              setPrefilledFrom(undefined);
            }}
          >
            Start empty
          </button>
        </p>
      )}
      <form onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && history.back()} noValidate>
        <div className="row">
          <Field label="Date" name="date" error={form.errors.date}>
            <input {...form.bind('date')} type="date" />
          </Field>
          <Field label="Clinician" name="clinician" error={form.errors.clinician}>
            <input {...form.bind('clinician')} autoComplete="off" />
          </Field>
        </div>
        <div className="row">
          <Field label="Complaint" name="complaint" error={form.errors.complaint}>
            <input {...form.bind('complaint')} autoFocus placeholder="e.g. proximal hamstring pain" />
          </Field>
          <Field label="Injury side" name="injurySide" error={form.errors.injurySide}>
            <select {...form.bind('injurySide')}>
              {INJURY_SIDES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Shoes" name="shoes" error={form.errors.shoes}>
          <input {...form.bind('shoes')} />
        </Field>
        <div className="row">
          <Field
            label="Treadmill speeds (km/h)"
            name="speeds"
            error={form.errors.speeds}
            hint="one for every condition, or one per incline in the same order: e.g. 10 12"
          >
            <input {...form.bind('speeds')} inputMode="decimal" />
          </Field>
          <Field label="Inclines (%)" name="inclines" error={form.errors.inclines} hint="e.g. 0 5">
            <input {...form.bind('inclines')} inputMode="decimal" />
          </Field>
        </div>
        <SettingsWhere
          planned={planned}
          session={{ treadmillSpeedsKmh: numList(v.speeds), treadmillInclinesPct: numList(v.inclines) }}
        />
        <Field label="Notes" name="notes" error={form.errors.notes}>
          <textarea {...form.bind('notes')} rows={3} />
        </Field>
        <StoryFields bind={form.bind} errors={form.errors} />
        <FormActions saveLabel="Save session" busy={form.busy} error={form.errors.form} />
      </form>
    </section>
  );
}
