import type { ConditionSection, ReportModel } from '../../../src-shared/report/model';

/**
 * A report with clips printed from their steady window while the rest is analysed (issue 16 item
 * 3): said on page one, at the top of each such condition's pages, and (by the printer's header
 * template, src-main/services/report/templates.ts) on every printed page, so neither the preview
 * nor a PDF exported meanwhile reads as final.
 */
export function ProvisionalNotice(props: { model: ReportModel }) {
  const lines = props.model.provisional ?? [];
  if (lines.length === 0) return null;
  return (
    <section className="provisional" data-testid="provisional">
      <h2>Provisional report</h2>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <p className="small">
        The numbers, findings and key frames of {lines.length === 1 ? 'this clip' : 'these clips'} come from
        that window only. Export again once the analysis is done for the final report.
      </p>
    </section>
  );
}

/** At the top of a condition's pages: which of its clips are provisional, and from which window. */
export function ConditionProvisional(props: { condition: ConditionSection }) {
  const lines = props.condition.provisional ?? [];
  if (lines.length === 0) return null;
  return (
    <div className="provisional" data-provisional-condition={props.condition.id}>
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  );
}
