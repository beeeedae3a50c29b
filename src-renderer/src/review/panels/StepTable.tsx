/**
 * Beside the video: the summary (each variable, left and right as mean ± SD over n steps with the
 * 95% interval of the mean, and the difference) and the per-step table; clicking a step goes to its initial contact.
 */
import type { GaitAnalysis, GaitVariable } from '../../../../src-shared/gait';
import { readDifference } from '../../../../src-shared/gait/difference';
import { cadenceRow } from '../../../../src-shared/report/rows';
import { sourceText, type VariableSources } from '../../../../src-shared/review/marker-hybrid';

/** Per-step columns per view: the variables a PT scans step by step [clinical-variables.md]. */
const STEP_COLUMNS: Record<'side' | 'rear', readonly string[]> = {
  side: ['knee-flexion-ic', 'tibia-inclination-ic', 'overstride-ic', 'contact-time'],
  rear: ['pelvic-drop-ms', 'hip-adduction-ms', 'knee-fppa-ms', 'contact-time'],
};

const UNIT: Record<GaitVariable['unit'], string> = {
  deg: '°',
  cm: ' cm',
  '%leg': ' %leg',
  s: ' ms',
  ratio: '%',
};

const digits = (unit: GaitVariable['unit']): number => (unit === 's' ? 0 : 1);
/** Times in ms and ratios (duty factor, hamstring length over standing) in percent, as the report
 *  prints them (report/rows.ts), so a PT reads the same number on screen and on paper. */
const scale = (unit: GaitVariable['unit']): number => (unit === 'ratio' ? 100 : unit === 's' ? 1000 : 1);

/** `v` in the unit's display scale and digits, without its unit. A value that rounds to zero has
 *  no sign: the walk on the sample clip read "-0.0°" as a left − right difference. */
function num(v: number, unit: GaitVariable['unit']): string {
  return (Number((v * scale(unit)).toFixed(digits(unit))) + 0).toFixed(digits(unit));
}

function fmt(v: number | null | undefined, unit: GaitVariable['unit']): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${num(v, unit)}${UNIT[unit]}`;
}

/** "12.3 ± 1.4° (n 9)": the spread over steps, as the clinic reads numbers, and beneath it the 95%
 *  interval of the mean, as the report prints it (issue 20 item 4: a summary gives the uncertainty of
 *  its mean); the value never breaks inside itself in a narrow column, the step count may go beneath. A side the camera cannot
 *  measure says so instead of a number (docs/uncertainty.md §3); the reason and remedy are its title
 *  and stand in full in the panel's note above the table. */
function SideCell({ s, unit, side }: { s: GaitVariable['left']; unit: GaitVariable['unit']; side: string }) {
  if (s.notMeasurable)
    return (
      <td
        data-side={side}
        className="not-measurable"
        data-testid="not-measurable"
        title={`${s.notMeasurable.reason} ${s.notMeasurable.remedy}`}
      >
        not measurable
      </td>
    );
  if (s.mean === null) return <td data-side={side}>—</td>;
  const iv = s.uncertainty?.interval;
  return (
    <td data-side={side}>
      {/* One step has no spread to give: its value alone beside n 1, never "± 0". */}
      <span className="nowrap">
        {s.n < 2 || s.sd === null ? fmt(s.mean, unit) : `${num(s.mean, unit)} ± ${fmt(s.sd, unit)}`}
      </span>{' '}
      <span className="nowrap">{`(n ${s.n})`}</span>
      {iv && (
        <div
          className="diff-interval"
          data-testid="mean-interval"
          title="95% interval of the mean: the spread over steps and what the measurement cannot resolve (event timing, landmark noise)"
        >
          <span className="nowrap">95% CI {fmt(iv[0], unit)}</span>{' '}
          <span className="nowrap">to {fmt(iv[1], unit)}</span>
        </div>
      )}
    </td>
  );
}

/** Cadence with its spread over strides and the 95% interval of its mean, the report's own row
 *  (report/rows.ts cadenceRow), so Review and the PDF give the PT the same "168.6 ± 3.4". */
function CadenceCell({ gait }: { gait: GaitAnalysis }) {
  const row = cadenceRow(gait);
  const all = row?.all;
  if (!all) return <td colSpan={2}>—</td>;
  const iv = all.interval;
  return (
    <td colSpan={2}>
      <span className="nowrap">
        {all.sd > 0
          ? `${all.mean.toFixed(1)} ± ${all.sd.toFixed(1)} steps/min`
          : `${all.mean.toFixed(1)} steps/min`}
      </span>{' '}
      <span className="nowrap">{`(n ${all.n})`}</span>
      {iv && (
        <div className="diff-interval" data-testid="mean-interval">
          <span className="nowrap">95% CI {iv[0].toFixed(1)}</span>{' '}
          <span className="nowrap">to {iv[1].toFixed(1)} steps/min</span>
        </div>
      )}
    </td>
  );
}

/**
 * L − R with what its 95% interval says (src-shared/gait/difference.ts) and the interval beneath: a
 * difference whose interval holds 0 is "within noise", not an effect. The column is narrow, so the
 * verdict is its short tag, with the report's full words as its title.
 */
function DiffCell({ v }: { v: GaitVariable }) {
  // No difference with a side the camera cannot measure: its number is not shown either.
  if (!v.symmetry || v.left.notMeasurable || v.right.notMeasurable) return <td data-side="diff">—</td>;
  const iv = v.symmetry.uncertainty?.interval;
  const reading = readDifference(v, (x) => fmt(x, v.unit));
  return (
    <td data-side="diff">
      <span className="nowrap">{fmt(v.symmetry.difference, v.unit)}</span>
      {iv && reading && (
        <>
          <div className={`diff-tag ${reading.verdict}`} data-testid="diff-verdict" title={reading.words}>
            {reading.tag}
          </div>
          <div className="diff-interval" data-testid="diff-interval" title="95% interval of left − right">
            <span className="nowrap">{fmt(iv[0], v.unit)}</span>{' '}
            <span className="nowrap">to {fmt(iv[1], v.unit)}</span>
          </div>
        </>
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

/**
 * `sources` where the clip's skin markers were tracked: each variable then says where its numbers
 * came from, the marker knee and ankle angles standing in the landmarks' place (marker-hybrid.ts).
 */
export function Summary({
  gait,
  view,
  sources,
}: {
  gait: GaitAnalysis;
  view: 'side' | 'rear';
  sources?: VariableSources;
}) {
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
          <CadenceCell gait={gait} />
          <td />
        </tr>
        {vars.map((v) => (
          <tr
            key={v.id}
            data-testid={`variable-${v.id}`}
            title={v.definition}
            data-source={sources ? sourceText(sources[v.id]).from : undefined}
          >
            <td>
              {v.label}
              {sources && (
                <div className="muted small" data-testid="variable-source">
                  from {sourceText(sources[v.id]).text}
                </div>
              )}
            </td>
            <SideCell s={v.left} unit={v.unit} side="left" />
            <SideCell s={v.right} unit={v.unit} side="right" />
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
                {/* "R10 *" on one line: the narrow column broke the star off beneath its step. */}
                <span className="nowrap">
                  {r.side === 'left' ? 'L' : 'R'}
                  {r.step}
                  {r.clean ? '' : ' *'}
                </span>
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
                      <span className="step-u"> ±{num(u, unit)}</span>
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
