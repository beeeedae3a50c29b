/**
 * Beside the video: the summary (each variable, left and right as mean ± SD over n steps, and the
 * difference) and the per-step table; clicking a step goes to its initial contact.
 */
import type { GaitAnalysis, GaitVariable } from '../../../../src-shared/gait';
import { readDifference } from '../../../../src-shared/gait/difference';

/** Per-step columns per view: the variables a PT scans step by step [clinical-variables.md]. */
const STEP_COLUMNS: Record<'side' | 'rear', readonly string[]> = {
  side: ['knee-flexion-ic', 'tibia-inclination-ic', 'overstride-ic', 'contact-time'],
  rear: ['pelvic-drop-ms', 'hip-adduction-ms', 'knee-fppa-ms', 'contact-time'],
};

const UNIT: Record<GaitVariable['unit'], string> = {
  deg: '°',
  cm: ' cm',
  '%leg': ' %leg',
  s: ' s',
  ratio: '%',
};

const digits = (unit: GaitVariable['unit']): number => (unit === 's' ? 3 : 1);
/** Ratios (duty factor, hamstring length over standing) in percent, as the report prints them (report/rows.ts). */
const scale = (unit: GaitVariable['unit']): number => (unit === 'ratio' ? 100 : 1);

function fmt(v: number | null | undefined, unit: GaitVariable['unit']): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${(v * scale(unit)).toFixed(digits(unit))}${UNIT[unit]}`;
}

/** "12.3 ± 1.4° (n 9)": the spread over steps, as the clinic reads numbers. */
function sideText(s: GaitVariable['left'], unit: GaitVariable['unit']): string {
  if (s.mean === null) return '—';
  const d = digits(unit);
  const k = scale(unit);
  return `${(s.mean * k).toFixed(d)} ± ${((s.sd ?? 0) * k).toFixed(d)}${UNIT[unit]} (n ${s.n})`;
}

/**
 * L − R with its 95% interval beneath and what the interval says (src-shared/gait/difference.ts):
 * a difference whose interval holds 0 is "within what the measurement resolves", not an effect.
 */
function DiffCell({ v }: { v: GaitVariable }) {
  if (!v.symmetry) return <td data-side="diff">—</td>;
  const iv = v.symmetry.uncertainty?.interval;
  const reading = readDifference(v, (x) => fmt(x, v.unit));
  return (
    <td data-side="diff">
      {fmt(v.symmetry.difference, v.unit)}
      {iv && reading && (
        <div className="diff-interval" data-testid="diff-interval">
          {fmt(iv[0], v.unit)} to {fmt(iv[1], v.unit)}: {reading.words}
        </div>
      )}
    </td>
  );
}

export interface StepRow {
  readonly side: 'left' | 'right';
  readonly step: number;
  /** Frame of the step's initial contact. */
  readonly icFrame: number;
  readonly t: number;
  readonly values: Readonly<Record<string, number | null>>;
  /** Each value's standard uncertainty (event timing, landmark noise; docs/uncertainty.md). */
  readonly u: Readonly<Record<string, number | null>>;
  readonly clean: boolean;
  /** The step's initial contact, or the toe-off that ends its contact, was placed by the PT. */
  readonly corrected: boolean;
}

/** Steps in time order: the k-th initial contact of a foot is that foot's step k. */
export function stepRows(gait: GaitAnalysis, columns: readonly string[]): StepRow[] {
  const rows: StepRow[] = [];
  for (const side of ['left', 'right'] as const) {
    const ics = gait.events
      .filter((e) => e.kind === 'initial-contact' && e.side === side)
      .sort((a, b) => a.frame - b.frame);
    const tos = gait.events
      .filter((e) => e.kind === 'toe-off' && e.side === side)
      .sort((a, b) => a.frame - b.frame);
    ics.forEach((ic, k) => {
      const values: Record<string, number | null> = {};
      const u: Record<string, number | null> = {};
      let clean = true;
      for (const id of columns) {
        const v = gait.variables.find((x) => x.id === id)?.[side].values.find((x) => x.step === k);
        values[id] = v?.value ?? null;
        u[id] = v?.u ?? null;
        if (v && !v.clean) clean = false;
      }
      // The toe-off that ends this contact: the foot's first one after it.
      const to = tos.find((e) => e.frame > ic.frame);
      const next = ics[k + 1];
      const toOwn = to && (!next || to.frame < next.frame) ? to : undefined;
      const corrected = ic.source === 'corrected' || toOwn?.source === 'corrected';
      rows.push({ side, step: k + 1, icFrame: ic.frame, t: ic.t, values, u, clean, corrected });
    });
  }
  return rows.sort((a, b) => a.icFrame - b.icFrame);
}

export interface StepTableProps {
  readonly gait: GaitAnalysis;
  readonly view: 'side' | 'rear';
  readonly frame: number;
  readonly onStep: (icFrame: number) => void;
}

export function Summary({ gait, view }: { gait: GaitAnalysis; view: 'side' | 'rear' }) {
  const vars = gait.variables.filter((v) => v.view === view || v.view === 'any');
  return (
    <table className="step-table summary" data-testid="summary">
      <thead>
        <tr>
          <th>Variable</th>
          <th>Left</th>
          <th>Right</th>
          <th>L − R</th>
        </tr>
      </thead>
      <tbody>
        <tr data-testid="variable-cadence">
          <td>Cadence</td>
          <td colSpan={2}>
            {gait.cadence.value === null ? '—' : `${gait.cadence.value.toFixed(1)} steps/min`}
          </td>
          <td />
        </tr>
        {vars.map((v) => (
          <tr key={v.id} data-testid={`variable-${v.id}`} title={v.definition}>
            <td>{v.label}</td>
            <td data-side="left">{sideText(v.left, v.unit)}</td>
            <td data-side="right">{sideText(v.right, v.unit)}</td>
            <DiffCell v={v} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the step table's marks mean (the `*`, the highlighted row, L3). */
function StepLegend() {
  return (
    <p className="legend" data-testid="step-legend">
      <span>L3: the left foot&apos;s 3rd step</span>
      <span>
        <strong>*</strong> left out of the averages: its contact or toe-off was uncertain, or its stride time
        far from the usual
      </span>
      <span>
        <span className="corrected-mark">✎</span> its contact or toe-off was corrected by hand
      </span>
      <span>± the step&apos;s own uncertainty (event timing and landmark noise, one SD)</span>
      <span>highlighted: the step on screen; click a step to go to its initial contact</span>
    </p>
  );
}

export function StepTable({ gait, view, frame, onStep }: StepTableProps) {
  const columns = STEP_COLUMNS[view].filter((id) => gait.variables.some((v) => v.id === id));
  const labels = new Map(gait.variables.map((v) => [v.id, v]));
  const rows = stepRows(gait, columns);
  const current = rows.filter((r) => r.icFrame <= frame).at(-1);
  return (
    <>
      <table className="step-table" data-testid="step-table">
        <thead>
          <tr>
            <th>Step</th>
            <th>Frame</th>
            {columns.map((id) => (
              <th key={id}>{labels.get(id)?.label ?? id}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.side}${r.step}`}
              className={r === current ? 'current' : undefined}
              data-ic-frame={r.icFrame}
              data-corrected={r.corrected || undefined}
              onClick={() => onStep(r.icFrame)}
              tabIndex={0}
              onKeyDown={(e) => {
                if (e.key === 'Enter') onStep(r.icFrame);
              }}
            >
              <td>
                {r.side === 'left' ? 'L' : 'R'}
                {r.step}
                {r.clean ? '' : ' *'}
                {r.corrected && (
                  <span className="corrected-mark" title="Contact or toe-off corrected by hand">
                    ✎
                  </span>
                )}
              </td>
              <td>{r.icFrame}</td>
              {columns.map((id) => {
                const unit = labels.get(id)!.unit;
                const u = r.u[id];
                return (
                  <td key={id}>
                    {fmt(r.values[id], unit)}
                    {u !== null && u !== undefined && Number.isFinite(u) && r.values[id] !== null && (
                      <span className="step-u"> ±{(u * scale(unit)).toFixed(digits(unit))}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <StepLegend />
    </>
  );
}
