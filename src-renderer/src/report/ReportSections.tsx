import type { ComparisonRow, ConditionSection, ReportModel } from '../../../src-shared/report/model';
import { fmt, fmtStat } from '../../../src-shared/report/format';

/** The spatiotemporal figures of one condition as large numbers, the way a PT quotes them. */
export function SpatiotemporalCards(props: { condition: ConditionSection }) {
  const rows = props.condition.spatiotemporal;
  if (rows.length === 0) return null;
  return (
    <div className="cards" data-testid="spatiotemporal">
      {rows.map((r) => {
        const stat = r.all ?? r.left ?? r.right;
        return (
          <div className="card" key={r.key} data-key={r.key}>
            <div className="card-label">{r.label}</div>
            <div className="card-value">
              {fmt(stat?.mean, r.decimals)}
              <span className="unit"> {r.unit}</span>
            </div>
            <div className="card-sub">
              ± {fmt(stat?.sd, r.decimals)} · n={stat?.n ?? 0}
              {r.left && r.right && (
                <>
                  {' '}
                  · L {fmt(r.left.mean, r.decimals)} / R {fmt(r.right.mean, r.decimals)}
                </>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}

export function Findings(props: { model: ReportModel }) {
  return (
    <section className="block" data-testid="findings">
      <h2>Findings</h2>
      {props.model.findings.length === 0 ? (
        <p className="muted">No findings were suggested from the measurements.</p>
      ) : (
        <ol className="findings">
          {props.model.findings.map((f) => (
            <li key={f.id}>
              <p>{f.text}</p>
              {f.evidence.length > 0 && (
                <ul className="evidence">
                  {f.evidence.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function Plan(props: { model: ReportModel }) {
  return (
    <section className="block" data-testid="plan">
      <h2>Plan</h2>
      {props.model.plan.length === 0 ? (
        <p className="muted">No exercises chosen.</p>
      ) : (
        <table className="plain plan">
          <thead>
            <tr>
              <th>Exercise</th>
              <th>Dosage / how</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {props.model.plan.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.title}</th>
                <td>{p.detail}</td>
                <td className="muted">{p.why ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function cell(v: ComparisonRow['values'][string] | undefined, d: number): string {
  if (!v) return '—';
  if (v.left || v.right) return `L ${fmtStat(v.left, d)} · R ${fmtStat(v.right, d)}`;
  return fmtStat(v.all, d);
}

/** Flat vs incline (or any conditions) side by side. */
export function Comparison(props: { model: ReportModel }) {
  const { comparison, conditions } = props.model;
  if (conditions.length < 2 || comparison.length === 0) return null;
  return (
    <section className="block" data-testid="comparison">
      <h2>{conditions.map((c) => c.label).join(' vs ')}</h2>
      <table className="plain compare">
        <thead>
          <tr>
            <th>Variable</th>
            {conditions.map((c) => (
              <th key={c.id} className="num">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {comparison.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {r.label} {r.unit && <span className="muted">({r.unit})</span>}
              </th>
              {conditions.map((c) => (
                <td key={c.id} className="num">
                  {cell(r.values[c.id], r.decimals)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function QualityFlags(props: { model: ReportModel }) {
  const flags = props.model.conditions.flatMap((c) => c.quality.map((q) => ({ ...q, condition: c.label })));
  return (
    <section className="block" data-testid="quality">
      <h2>Quality of the measurement</h2>
      {flags.length === 0 ? (
        <p>No quality problems were detected in the clips.</p>
      ) : (
        <ul className="quality">
          {flags.map((f, i) => (
            <li key={i} className={`q-${f.level}`}>
              <strong>{f.condition}:</strong> {f.text}
            </li>
          ))}
        </ul>
      )}
      <p className="small muted">
        2D markerless video: expect about 4–8° error on sagittal joint angles against marker-based capture
        [Stenum 2021; Van Hooren 2023] and 10–20 ms on event timing [Young 2023]. Averages use at least 7
        steps per side where the clip allows [Dingenen 2018]. Frontal-plane knee angles are projections and do
        not equal 3D knee abduction.
      </p>
    </section>
  );
}

export function NotesAndSignature(props: { model: ReportModel }) {
  const { model } = props;
  return (
    <section className="block signature-block" data-testid="signature">
      <h2>Notes</h2>
      <div className="notes">{model.notes ? model.notes : <span className="muted">—</span>}</div>
      <div className="sign-row">
        <div>
          <div className="sign-line" />
          <div className="small">{model.session.clinician ?? 'Physical therapist'} · signature</div>
        </div>
        <div>
          <div className="sign-line" />
          <div className="small">Date</div>
        </div>
      </div>
    </section>
  );
}
