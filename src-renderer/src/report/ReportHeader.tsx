import type { ReportModel } from '../../../src-shared/report/model';
import { fmt, fmtDate } from '../../../src-shared/report/format';
import { windowSpan } from '../../../src-shared/report/provisional';
import { Facts } from '../components/Facts';

/** Patient and session block at the top of page one, and the table of filmed conditions. */
export function ReportHeader(props: { model: ReportModel }) {
  const { patient: p, session: s } = props.model;
  const facts: [string, string | undefined][] = [
    ['Patient', p.name],
    ['Clinic id', p.clinicId],
    [
      'Date of birth',
      p.dateOfBirth
        ? `${fmtDate(p.dateOfBirth)}${p.ageYears !== undefined ? ` (${p.ageYears} y)` : ''}`
        : undefined,
    ],
    ['Sex', p.sex && p.sex !== 'unspecified' ? p.sex : undefined],
    ['Height', p.heightCm ? `${fmt(p.heightCm, 0)} cm` : undefined],
    ['Leg length', p.legLengthCm ? `${fmt(p.legLengthCm, 0)} cm` : undefined],
  ];
  const session: [string, string | undefined][] = [
    ['Session', fmtDate(s.date)],
    ['Clinician', s.clinician],
    ['Complaint', s.complaint],
    ['Injured side', s.injurySide && s.injurySide !== 'none' ? s.injurySide : undefined],
    ['Shoes', s.shoes],
  ];
  return (
    <header className="report-head">
      <div className="title-row">
        <div>
          <div className="kicker">StrideLab · 2D video running analysis</div>
          <h1>Running gait report</h1>
        </div>
        <div className="stamp">
          {fmtDate(s.date)}
          {props.model.edited ? '' : <div className="draft">suggestions not yet reviewed</div>}
        </div>
      </div>
      <div className="facts-grid">
        <Facts items={facts} className="" />
        <Facts items={session} className="" />
      </div>
    </header>
  );
}

export function ConditionsTable(props: { model: ReportModel }) {
  return (
    <section className="block" data-testid="conditions">
      <h2>Conditions</h2>
      <table className="plain">
        <thead>
          <tr>
            <th>Condition</th>
            <th>Incline</th>
            <th>Speed</th>
            <th>Clips</th>
            <th className="num">Steps (L / R)</th>
          </tr>
        </thead>
        <tbody>
          {props.model.conditions.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.label}</th>
              <td className="unit-value">{c.inclinePct === undefined ? '—' : `${fmt(c.inclinePct, 1)} %`}</td>
              <td className="unit-value">{c.speedKmh === undefined ? '—' : `${fmt(c.speedKmh, 1)} km/h`}</td>
              <td>
                {c.clips.map((k) => (
                  <div key={k.view}>
                    {k.view}: {k.file} · {fmt(k.fps, 0)} fps · {fmt(k.durationS, 1)} s · {k.model} model
                    {k.provisional && (
                      <strong className="provisional-mark">
                        {' '}
                        · provisional: {windowSpan(k.provisional)}
                      </strong>
                    )}
                  </div>
                ))}
              </td>
              <td className="num">
                {c.steps.left} / {c.steps.right}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Clips whose findings were withheld (not running, or not the view they were filed under), first
 * thing on page one, so no one reads the rest without knowing (src-shared/gait/clip-check.ts).
 */
export function WithheldNotice(props: { model: ReportModel }) {
  if (props.model.withheld.length === 0) return null;
  return (
    <section className="withheld" data-testid="withheld">
      <h2>Findings withheld</h2>
      <ul>
        {props.model.withheld.map((w) => (
          <li key={`${w.condition}-${w.view}-${w.file}`}>
            <strong>
              {w.condition}, {w.view} view ({w.file}):
            </strong>{' '}
            {w.reasons.join(' ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
