import type { ConditionSection, KeyFrame, ReportBundle } from '../../../src-shared/report/model';
import { ReportProgress } from '../progress/ReportProgress';
import { CurveChart } from './CurveChart';
import { KeyFrameFigure } from './KeyFrameFigure';
import { ConditionsTable, ReportHeader, WithheldNotice } from './ReportHeader';
import {
  Comparison,
  Findings,
  NotesAndSignature,
  Plan,
  QualityAtTop,
  QualityFlags,
  SpatiotemporalCards,
} from './ReportSections';
import { VariablesTable } from './VariablesTable';
import { MarkerRowsTable } from './MarkerRowsTable';
import { ConditionProvisional, ProvisionalNotice } from './ProvisionalNotice';
import { RunnerPage, WorkOnFirst } from './WorkOnFirst';
import './report.css';
import './report-figures.css';

/**
 * The whole report, as printed and as previewed: the same component in the app, in the PDF page
 * printed by headless Chromium (CLI, browser mode) and by Electron's printToPDF. Page header and
 * footer (patient, date, page numbers) come from the printer's templates, not from this component.
 */
const EVENT_ORDER = ['IC', 'MS', 'TO'] as const;

function KeyFrameGrid(props: { frames: readonly KeyFrame[]; images: ReportBundle['images'] }) {
  const groups = (['side', 'rear'] as const).flatMap((view) =>
    (['left', 'right'] as const).map((side) => ({
      view,
      side,
      frames: EVENT_ORDER.map((e) =>
        props.frames.find((f) => f.view === view && f.side === side && f.event === e),
      ),
    })),
  );
  const shown = groups.filter((g) => g.frames.some(Boolean));
  if (shown.length === 0) return null;
  return (
    <div className="keyframes">
      {shown.map((g) => (
        <div className="kf-row" key={`${g.view}-${g.side}`}>
          <div className="kf-label">
            {g.view === 'side' ? 'Side' : 'Rear'}
            <br />
            {g.side === 'left' ? 'Left' : 'Right'}
          </div>
          {g.frames.map((f, i) =>
            f ? (
              <KeyFrameFigure key={f.id} frame={f} image={props.images[f.imageId]} />
            ) : (
              <div key={i} className="keyframe empty">
                no {EVENT_ORDER[i]}
              </div>
            ),
          )}
        </div>
      ))}
    </div>
  );
}

function ConditionPages(props: {
  condition: ConditionSection;
  images: ReportBundle['images'];
  /** Page one already shows the spatiotemporal cards when there is one condition. */
  showSpatiotemporal: boolean;
}) {
  const c = props.condition;
  const title = [
    c.label,
    c.inclinePct !== undefined ? `${c.inclinePct} % incline` : undefined,
    c.speedKmh !== undefined ? `${c.speedKmh} km/h` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const side = c.variables.filter((v) => v.view === 'side');
  const rear = c.variables.filter((v) => v.view === 'rear');
  return (
    <section className="condition" data-testid="condition" data-condition={c.id}>
      <h2 className="cond-title">{title}</h2>
      <ConditionProvisional condition={c} />
      <h3>Key frames</h3>
      <KeyFrameGrid frames={c.keyFrames} images={props.images} />
      {props.showSpatiotemporal && (
        <>
          <h3>Spatiotemporal</h3>
          <SpatiotemporalCards condition={c} />
        </>
      )}
      <VariablesTable rows={side} caption="Side view (sagittal plane)" />
      <VariablesTable rows={rear} caption="Rear view (frontal plane)" />
      {c.markerRows && <MarkerRowsTable rows={c.markerRows} />}
      {c.curves.length > 0 && (
        <div className="curves-block">
          <h3>Joint angles over the gait cycle (mean ± 1 SD)</h3>
          <div className="legend">
            <span className="l">■ left</span> · <span className="r">■ right</span> · shaded: stance (initial
            contact to mean toe-off) · 0 % = initial contact of that foot · a side is drawn from 3 usable
            strides up
          </div>
          {(['side', 'rear'] as const).map((view) => {
            const list = c.curves.filter((k) => k.view === view);
            if (list.length === 0) return null;
            return (
              <div key={view}>
                <h4>{view === 'side' ? 'Side view' : 'Rear view'}</h4>
                <div className="curves">
                  {list.map((k) => (
                    <CurveChart key={`${k.view}-${k.key}`} curve={k} />
                  ))}
                </div>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}

export function ReportDocument(props: { bundle: ReportBundle }) {
  const { model, images } = props.bundle;
  return (
    <article className="report" data-testid="report">
      <ReportHeader model={model} />
      <ProvisionalNotice model={model} />
      <WithheldNotice model={model} />
      <WorkOnFirst model={model} />
      <QualityAtTop model={model} />
      <ConditionsTable model={model} />
      {model.conditions[0] && (
        <section className="block">
          <h2>At a glance{model.conditions.length > 1 ? ` (${model.conditions[0].label})` : ''}</h2>
          <SpatiotemporalCards condition={model.conditions[0]} />
        </section>
      )}
      <Findings model={model} />
      <ReportProgress progress={model.progress} />
      <Plan model={model} />
      <NotesAndSignature model={model} />
      {model.conditions.map((c) => (
        <ConditionPages
          key={c.id}
          condition={c}
          images={images}
          showSpatiotemporal={model.conditions.length > 1}
        />
      ))}
      <Comparison model={model} />
      <QualityFlags model={model} />
      <footer className="report-end small muted">
        Generated by StrideLab {model.appVersion} on {model.generatedAt.slice(0, 10)}. Values are means ± SD
        over the steps analysed, with the 95% confidence interval (CI) of the mean beneath: from the spread
        over steps and the timing limit of the frame rate; SI = symmetry index 100·(L−R)/mean [Robinson 1987];
        SDD = smallest detectable difference. Variables and references: Souza 2016; Dingenen 2018; Bramah
        2018; Heiderscheit 2011. References are general bands, except the cadence band, which is the runner’s
        own cadence +5–10% [Heiderscheit 2011]: no band by sex, height, leg length or speed is published in
        the sources StrideLab cites. The software suggests; the physical therapist decides.
      </footer>
      {/* Last, on a sheet of its own to hand over; here after the signature it forced a page break
          in the middle of the report, and the notes and signature were left near alone on theirs. */}
      <RunnerPage model={model} />
    </article>
  );
}
