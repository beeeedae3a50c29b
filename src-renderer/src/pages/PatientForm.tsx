import { useCallback, useEffect, useState } from 'react';
import type { Patient } from '../../../src-shared/library/model';
import { SEXES } from '../../../src-shared/library/model';
import { api, ApiError } from '../api/client';
import { EditConflict } from '../components/EditConflict';
import { Field } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { num, text, useForm } from '../components/useForm';
import { FormOpening } from '../components/FormOpening';

/**
 * New or edit patient. Enter saves, Escape goes back. An edit saves against the version the form
 * opened (patients:stamp), so a save made meanwhile in another room is not overwritten in silence:
 * the form says who changed it and when, and the PT reloads or keeps theirs.
 */
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
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [conflict, setConflict] = useState<string | undefined>(undefined);
  // An edit shows its form only once the patient is in it: typed into before, the letters were
  // replaced when the patient came, and Enter saved the empty boxes over the patient's details.
  const [opened, setOpened] = useState<{ ok: boolean; error?: string }>({ ok: !props.id });
  /** The patient and the version the form edits (the version first: a save between the two reads is then refused, never lost). */
  const load = useCallback(async (id: string) => {
    const stamp = await api('patients:stamp', { id });
    return { version: stamp.version, p: await api('patients:get', { id }) };
  }, []);
  const show = useCallback(
    ({ version: v, p }: { version: number; p: Patient }): void => {
      setVersion(v);
      setValues({
        name: p.name,
        dateOfBirth: p.dateOfBirth ?? '',
        clinicId: p.clinicId ?? '',
        sex: p.sex,
        heightCm: p.heightCm?.toString() ?? '',
        legLengthCm: p.legLengthCm?.toString() ?? '',
        notes: p.notes ?? '',
      });
      setOpened({ ok: true });
    },
    [setValues],
  );
  useEffect(() => {
    if (props.id)
      load(props.id).then(show, (err: unknown) =>
        setOpened({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  }, [props.id, load, show]);

  const v = form.values;
  /** Save; `from` is the version to save over (Keep mine), else the one the form opened. */
  const save = (e?: React.FormEvent, from?: number): void => {
    e?.preventDefault();
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
      async () => {
        if (!props.id) return api('patients:create', fields);
        try {
          return await api('patients:update', {
            id: props.id,
            fields,
            ...(version !== undefined ? { version: from ?? version } : {}),
          });
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 'conflict')) throw err;
          setConflict(err.message);
          return undefined;
        }
      },
      (p) => {
        if (!p) return;
        setConflict(undefined);
        props.onDone(p);
      },
    );
  };
  /** Keep mine: save what is on screen over the other room's save, from its version. */
  const keepMine = async (): Promise<void> => {
    const stamp = await api('patients:stamp', { id: props.id! });
    setVersion(stamp.version);
    setConflict(undefined);
    save(undefined, stamp.version);
  };

  if (!opened.ok) return <FormOpening title="Edit patient" error={opened.error} />;
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
        {conflict && (
          <EditConflict
            message={conflict}
            busy={form.busy}
            onReload={() => {
              setConflict(undefined);
              void load(props.id!).then(show);
            }}
            onKeepMine={() => void keepMine()}
          />
        )}
        <FormActions saveLabel="Save patient" busy={form.busy} error={form.errors.form} />
      </form>
    </section>
  );
}
