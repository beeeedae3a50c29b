import { useEffect } from 'react';
import type { Session } from '../../../src-shared/library/model';
import { INJURY_SIDES } from '../../../src-shared/library/model';
import { api } from '../api/client';
import { Field } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { numList, text, useForm } from '../components/useForm';
import { todayIso } from '../format';

/** New session (for a patient) or edit one. Dated today by default. */
export function SessionForm(props: { patientId?: string; id?: string; onDone: (s: Session) => void }) {
  const form = useForm({
    date: todayIso(),
    clinician: '',
    complaint: '',
    injurySide: 'none',
    shoes: '',
    speeds: '',
    inclines: '',
    notes: '',
  });
  const { setValues } = form;
  useEffect(() => {
    if (!props.id) return;
    void api('sessions:get', { id: props.id }).then((s) =>
      setValues({
        date: s.date,
        clinician: s.clinician ?? '',
        complaint: s.complaint ?? '',
        injurySide: s.injurySide,
        shoes: s.shoes ?? '',
        speeds: s.treadmillSpeedsKmh.join(' '),
        inclines: s.treadmillInclinesPct.join(' '),
        notes: s.notes ?? '',
      }),
    );
  }, [props.id, setValues]);

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
    void form.submit(
      () =>
        props.id
          ? api('sessions:update', { id: props.id, fields })
          : api('sessions:create', { ...fields, patientId: props.patientId ?? '' }),
      props.onDone,
    );
  };
  const speedError = form.errors.speeds ?? (form.errors as Record<string, string>).treadmillSpeedsKmh;
  const inclineError = form.errors.inclines ?? (form.errors as Record<string, string>).treadmillInclinesPct;

  return (
    <section className="page narrow">
      <h1>{props.id ? 'Edit session' : 'New session'}</h1>
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
            error={speedError}
            hint="separate with spaces, e.g. 10 12"
          >
            <input {...form.bind('speeds')} inputMode="decimal" />
          </Field>
          <Field label="Inclines (%)" name="inclines" error={inclineError} hint="e.g. 0 5">
            <input {...form.bind('inclines')} inputMode="decimal" />
          </Field>
        </div>
        <Field label="Notes" name="notes" error={form.errors.notes}>
          <textarea {...form.bind('notes')} rows={3} />
        </Field>
        <FormActions saveLabel="Save session" busy={form.busy} error={form.errors.form} />
      </form>
    </section>
  );
}
