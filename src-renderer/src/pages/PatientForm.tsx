import { useEffect } from 'react';
import type { Patient } from '../../../src-shared/library/model';
import { SEXES } from '../../../src-shared/library/model';
import { api } from '../api/client';
import { Field } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { num, text, useForm } from '../components/useForm';

/** New or edit patient. Enter saves, Escape goes back. */
export function PatientForm(props: { id?: string; onDone: (p: Patient) => void }) {
  const form = useForm({
    name: '',
    dateOfBirth: '',
    clinicId: '',
    sex: 'unspecified',
    heightCm: '',
    legLengthCm: '',
    notes: '',
  });
  const { setValues } = form;
  useEffect(() => {
    if (!props.id) return;
    void api('patients:get', { id: props.id }).then((p) =>
      setValues({
        name: p.name,
        dateOfBirth: p.dateOfBirth ?? '',
        clinicId: p.clinicId ?? '',
        sex: p.sex,
        heightCm: p.heightCm?.toString() ?? '',
        legLengthCm: p.legLengthCm?.toString() ?? '',
        notes: p.notes ?? '',
      }),
    );
  }, [props.id, setValues]);

  const v = form.values;
  const save = (e: React.FormEvent): void => {
    e.preventDefault();
    const fields = {
      name: v.name,
      dateOfBirth: text(v.dateOfBirth),
      clinicId: text(v.clinicId),
      sex: v.sex as Patient['sex'],
      heightCm: num(v.heightCm),
      legLengthCm: num(v.legLengthCm),
      notes: text(v.notes),
    };
    void form.submit(
      () => (props.id ? api('patients:update', { id: props.id, fields }) : api('patients:create', fields)),
      props.onDone,
    );
  };

  return (
    <section className="page narrow">
      <h1>{props.id ? 'Edit patient' : 'New patient'}</h1>
      <form onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && history.back()} noValidate>
        <Field label="Name" name="name" error={form.errors.name}>
          <input {...form.bind('name')} autoFocus autoComplete="off" />
        </Field>
        <div className="row">
          <Field label="Date of birth" name="dateOfBirth" error={form.errors.dateOfBirth}>
            <input {...form.bind('dateOfBirth')} type="date" />
          </Field>
          <Field label="Clinic id" name="clinicId" error={form.errors.clinicId}>
            <input {...form.bind('clinicId')} autoComplete="off" />
          </Field>
          <Field label="Sex" name="sex" error={form.errors.sex}>
            <select {...form.bind('sex')}>
              {SEXES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="row">
          <Field label="Height (cm)" name="heightCm" error={form.errors.heightCm}>
            <input {...form.bind('heightCm')} inputMode="decimal" />
          </Field>
          <Field
            label="Leg length (cm)"
            name="legLengthCm"
            error={form.errors.legLengthCm}
            hint="greater trochanter to floor"
          >
            <input {...form.bind('legLengthCm')} inputMode="decimal" />
          </Field>
        </div>
        <Field label="Notes" name="notes" error={form.errors.notes}>
          <textarea {...form.bind('notes')} rows={3} />
        </Field>
        <FormActions saveLabel="Save patient" busy={form.busy} error={form.errors.form} />
      </form>
    </section>
  );
}
