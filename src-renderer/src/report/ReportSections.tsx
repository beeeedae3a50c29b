import type { ConditionSection, Finding, ReportModel } from '../../../src-shared/report/model';
import { splitFindings } from '../../../src-shared/report/priorities';
import { Fragment } from 'react';
import { fmtSigned, fmtSignedInterval, fmtStat } from '../../../src-shared/report/format';
import { cardFigure } from '../../../src-shared/report/cards';
import { CHANGE_WORDS } from '../../../src-shared/report/condition-change';
import { PlanCarryNote, PlanSinceTag } from '../progress/PlanSince';

/** The spatiotemporal figures of one condition as large numbers, the way a PT quotes them
 *  (what each card shows is chosen by cardFigure, src-shared/report/cards.ts). */
export function SpatiotemporalCards(props: { condition: ConditionSection }) {
  const rows = props.condition.spatiotemporal;
  if (rows.length === 0) return null;
  return (
    <div className="cards" data-testid="spatiotemporal">
      {rows.map((r) => {
        const c = cardFigure(r);
        if (c.notMeasurable)
          return (
            <div className="card" key={r.key} data-key={r.key}>
              <div className="card-label">{r.label}</div>
              <div className="card-sub">not measurable from this view</div>
            </div>
          );
        return (
          <div className="card" key={r.key} data-key={r.key}>
            <div className="card-label">{r.label}</div>
            <div className="card-value">
              {c.value}
              <span className="unit"> {r.unit}</span>
            </div>
            <div className="card-sub">{c.spread}</div>
            {c.interval && <div className="card-sub">{c.interval}</div>}
            {c.sides.map((s) => (
              <div className="card-sub" key={s.side} data-side={s.side}>
                {s.side === 'left' ? 'L' : 'R'} {s.text}
                {s.interval && ` · ${s.interval}`}
              </div>
            ))}
            {r.reference?.personal && (
              <div className="card-sub" data-testid="personal-reference">
                {r.reference.text} [{r.reference.source}]
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

function FindingList(props: { findings: readonly Finding[]; start: number }) {
  return (
    <ol className="findings" start={props.start}>
      {props.findings.map((f) => (
        <li key={f.id} data-testid="finding" data-id={f.id}>
          <p>
            {f.text}
            {f.pin === 'pinned' && <span className="pin"> · pinned by the PT</span>}
            {f.pin === 'demoted' && <span className="pin"> · set aside by the PT</span>}
          </p>
          {f.cue && (
            <p className="cue-line">
              Cue: “{f.cue.text}”{f.cue.source ? <span className="muted"> [{f.cue.source}]</span> : null}
            </p>
          )}
          {f.evidence.length > 0 && (
            <ul className="evidence">
              {f.evidence.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
              {f.priority && <li className="muted">Priority: {f.priority.why}.</li>}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

export function Findings(props: { model: ReportModel }) {
  const { first, rest } = splitFindings(props.model.findings);
  return (
    <section className="block" data-testid="findings">
      <h2>Findings</h2>
      {props.model.findings.length === 0 ? (
        <p className="muted">
          {props.model.withheld.length > 0 && !props.model.edited
            ? 'No findings: they were withheld for the clips named at the top of this report.'
            : 'No findings were suggested from the measurements.'}
        </p>
      ) : (
        <>
          <FindingList findings={first} start={1} />
          {rest.length > 0 && (
            <>
              <h3>Also found</h3>
              <FindingList findings={rest} start={first.length + 1} />
            </>
          )}
        </>
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
                <th scope="row">
                  {p.title}
                  <PlanSinceTag since={p.since} />
                </th>
                <td>
                  {p.detail}
                  {p.dosage && (
                    <div>
                      <strong>Dosage:</strong> {p.dosage}
                    </div>
                  )}
                  {p.progression && (
                    <div>
                      <strong>Progression:</strong> {p.progression}
                    </div>
                  )}
                  {p.dosageSource && <div className="small muted">[{p.dosageSource}]</div>}
                </td>
                <td className="muted">{p.why ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PlanCarryNote model={props.model} />
    </section>
  );
}

/** Flat vs incline (or any conditions) side by side: left and right per condition, and the change. */
export function Comparison(props: { model: ReportModel }) {
  const { comparison, conditions } = props.model;
  if (conditions.length < 2 || comparison.length === 0) return null;
  const [first, second] = conditions;
  const two = conditions.length === 2;
  return (
    <section className="block" data-testid="comparison">
      <h2>{conditions.map((c) => c.label).join(' vs ')}</h2>
      <table className="plain compare">
        <thead>
          <tr>
            <th rowSpan={2}>Variable</th>
            {conditions.map((c) => (
              <th key={c.id} colSpan={2} className="num">
                {c.label}
              </th>
            ))}
            {two && (
              <th rowSpan={2} className="num">
                Change
              </th>
            )}
          </tr>
          <tr>
            {conditions.map((c) => (
              <Fragment key={c.id}>
                <th className="num">Left</th>
                <th className="num">Right</th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {comparison.map((r) => {
            return (
              <tr key={r.key} data-testid="comparison-row" data-key={r.key}>
                <th scope="row">
                  {r.label} {r.unit && <span className="muted">({r.unit})</span>}
                </th>
                {conditions.map((c) => {
                  const v = r.values[c.id];
                  if (v?.all)
                    return (
                      <td key={c.id} colSpan={2} className="num">
                        {fmtStat(v.all, r.decimals)}
                      </td>
                    );
                  return (
                    <Fragment key={c.id}>
                      <td className="num">{fmtStat(v?.left, r.decimals)}</td>
                      <td className="num">{fmtStat(v?.right, r.decimals)}</td>
                    </Fragment>
                  );
                })}
                {two && (
                  <td className="num change">
                    {r.change ? fmtSigned(r.change.difference, r.decimals) : '—'}
                    {r.change?.interval && (
                      <div className="ci">{fmtSignedInterval(r.change.interval, r.decimals)}</div>
                    )}
                    {r.change?.tag && (
                      <div className="ci change-tag" data-testid="change-note" title={r.change.note}>
                        {r.change.tag}
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {two && (
        <p className="small muted compare-note" data-testid="comparison-note">
          Change = {second!.label} − {first!.label}, on the mean of the sides measured in both, with its 95%
          interval (the two conditions&apos; intervals combined as independent, so it errs wide).{' '}
          <q>{CHANGE_WORDS.resolved.tag}</q>: {CHANGE_WORDS.resolved.note} (the whole interval on one side of
          0); <q>{CHANGE_WORDS.unresolved.tag}</q>: {CHANGE_WORDS.unresolved.note} (the interval holds 0).
          Both clips are from one session: no day-to-day variation enters, so no smallest detectable
          difference applies.
        </p>
      )}
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
              {f.advice && <span className="small muted"> {f.advice}</span>}
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

/**
 * On the first page (issue 13: quality up front): the warnings that limit what the numbers can say,
 * one line each; the full list with the method's limits stays on the last page.
 */
export function QualityAtTop(props: { model: ReportModel }) {
  // What the "Findings withheld" box just above already says is not said twice.
  const said = props.model.withheld.flatMap((w) => w.reasons);
  const flags = props.model.conditions.flatMap((c) =>
    c.quality
      .filter((q) => q.level !== 'info' && !said.some((r) => q.text.includes(r) || r.includes(q.text)))
      .map((q) => ({ ...q, condition: c.label })),
  );
  if (flags.length === 0) return null;
  return (
    <section className="block quality-top" data-testid="quality-top">
      <h2>Before reading the numbers</h2>
      <ul className="quality">
        {flags.map((f, i) => (
          <li key={i} className={`q-${f.level}`}>
            <strong>{f.condition}:</strong> {f.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
