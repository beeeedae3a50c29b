import type { SessionSymptoms, SymptomFieldsInput } from '../../../src-shared/progress/symptoms';
import { Field } from '../components/Field';
import './progress.css';

/**
 * The patient's own story on the session form (issue 18 item 4): pain 0–10 before, during and after
 * running and 24 h later, weekly volume, return-to-run stage, notes. The boxes are named after the
 * contract's fields so the service's message lands beside the right one; only the notes box has its
 * own name, as the session has notes too.
 */
export const STORY_EMPTY = {
  painBefore: '',
  painDuring: '',
  painAfter: '',
  pain24h: '',
  weeklyKm: '',
  rtrStage: '',
  storyNotes: '',
};
type StoryValues = typeof STORY_EMPTY;
type Bind = (name: keyof StoryValues & string) => {
  name: string;
  value: string;
  onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void;
  'aria-invalid': boolean | undefined;
};

const str = (x: number | string | null): string => (x === null ? '' : String(x));

export function storyValues(s: SessionSymptoms | null): StoryValues {
  if (!s) return { ...STORY_EMPTY };
  return {
    painBefore: str(s.painBefore),
    painDuring: str(s.painDuring),
    painAfter: str(s.painAfter),
    pain24h: str(s.pain24h),
    weeklyKm: str(s.weeklyKm),
    rtrStage: str(s.rtrStage),
    storyNotes: str(s.notes),
  };
}

/** '' → null; '4' → 4; anything else is passed as typed, for the service to say what is wrong with it. */
const reading = (s: string): number | null => {
  const t = s.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return (Number.isFinite(n) ? n : t) as number;
};

export function storyFields(v: StoryValues): SymptomFieldsInput {
  return {
    painBefore: reading(v.painBefore),
    painDuring: reading(v.painDuring),
    painAfter: reading(v.painAfter),
    pain24h: reading(v.pain24h),
    weeklyKm: reading(v.weeklyKm),
    rtrStage: v.rtrStage,
    notes: v.storyNotes,
  };
}

const PAIN_BOXES = [
  ['painBefore', 'Before running'],
  ['painDuring', 'During running'],
  ['painAfter', 'After running'],
  ['pain24h', '24 h later'],
] as const;

export function StoryFields(props: { bind: Bind; errors: Partial<Record<string, string>> }) {
  const { bind, errors } = props;
  return (
    <fieldset className="story" data-testid="story">
      <legend>The patient&rsquo;s own story</legend>
      <p className="hint">Pain 0–10 (0 no pain, 10 worst imaginable); leave empty what was not asked.</p>
      <div className="row">
        {PAIN_BOXES.map(([name, label]) => (
          <Field key={name} label={label} name={name} error={errors[name]}>
            <input {...bind(name)} type="number" min={0} max={10} step={1} inputMode="numeric" />
          </Field>
        ))}
      </div>
      <div className="row">
        <Field label="Weekly running (km)" name="weeklyKm" error={errors.weeklyKm}>
          <input {...bind('weeklyKm')} inputMode="decimal" />
        </Field>
        <Field
          label="Return-to-run stage"
          name="rtrStage"
          error={errors.rtrStage}
          hint="e.g. Stage 3: run 2 min, walk 1 min"
        >
          <input {...bind('rtrStage')} autoComplete="off" />
        </Field>
      </div>
      <Field label="How running went" name="storyNotes" error={errors.storyNotes}>
        <textarea {...bind('storyNotes')} rows={2} />
      </Field>
    </fieldset>
  );
}
