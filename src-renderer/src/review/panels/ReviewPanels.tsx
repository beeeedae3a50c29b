/**
 * The panels under the players, for the active clip: angle curves, the step table, the summary,
 * the measure tools, the keyboard and the key frames.
 */
import type { GaitAnalysis } from '../../../../src-shared/gait';
import type { KeyFrameMark } from '../../../../src-shared/review/key-frames';
import type { VariableSources } from '../../../../src-shared/review/marker-hybrid';
import type { Measurement } from '../../../../src-shared/review/measure';
import type { ReviewClip } from '../model';
import { Curves } from './Curves';
import { KeyFramesPanel } from './KeyFramesPanel';
import { KeyHelp } from './KeyHelp';
import { QualityPanel } from './QualityPanel';
import { StepTable, Summary } from './StepTable';
import { ToolsPanel, type ToolDraft } from './ToolsPanel';
import { WorkOnFirstPanel } from './WorkOnFirstPanel';

export interface ReviewPanelsProps {
  readonly active: ReviewClip;
  readonly clips: readonly ReviewClip[];
  readonly gait: GaitAnalysis | undefined;
  /** Where the clip's skin markers were tracked: which variables came from them (marker-hybrid.ts). */
  readonly sources?: VariableSources;
  readonly frame: number;
  /** Why there are no numbers for the active clip yet, in words. */
  readonly waiting: string;
  readonly draft: ToolDraft | null;
  readonly onDraft: (d: ToolDraft | null) => void;
  readonly measurements: readonly Measurement[];
  readonly cmPerPx: number | undefined;
  readonly keyFrames: readonly KeyFrameMark[];
  readonly onSeek: (clipT: number) => void;
  readonly onGoKeyFrame: (kf: KeyFrameMark) => void;
  readonly onDeleteMeasurement: (id: string) => void;
  readonly onDeleteKeyFrame: (id: string) => void;
  readonly onMarkKeyFrame: () => void;
}

export function ReviewPanels(props: ReviewPanelsProps) {
  const { active, gait, frame } = props;
  return (
    <div className="review-panels">
      {/* The curves over the steps, the summary beside them: each table half the width (review.css). */}
      <div className="review-panels-main">
        <section className="review-panel" aria-label="Curves">
          <h2>{active.title}: angle curves</h2>
          {gait ? (
            <Curves gait={gait} table={active.table} frame={frame} onSeek={props.onSeek} />
          ) : (
            <p className="muted">{props.waiting}</p>
          )}
        </section>
        <section className="review-panel" aria-label="Steps">
          <h2>{active.title}: steps</h2>
          {gait ? (
            <StepTable
              gait={gait}
              view={active.view}
              frame={frame}
              onStep={(f) => props.onSeek(active.table.times[f] ?? 0)}
            />
          ) : (
            <p className="muted">{props.waiting}</p>
          )}
        </section>
      </div>
      <section className="review-panel" aria-label="Summary">
        <h2>Summary</h2>
        {gait && <QualityPanel gait={gait} />}
        {gait && <WorkOnFirstPanel gait={gait} recordingId={active.recordingId} />}
        {gait ? (
          <Summary gait={gait} view={active.view} sources={props.sources} />
        ) : (
          <p className="muted">—</p>
        )}
        <ToolsPanel
          draft={props.draft}
          onDraft={props.onDraft}
          here={props.measurements.filter((m) => m.recordingId === active.recordingId && m.frame === frame)}
          cmPerPx={props.cmPerPx}
          onDelete={props.onDeleteMeasurement}
        />
        <KeyHelp />
        <KeyFramesPanel
          keyFrames={props.keyFrames}
          clips={props.clips}
          onGo={props.onGoKeyFrame}
          onDelete={props.onDeleteKeyFrame}
          onMark={props.onMarkKeyFrame}
        />
      </section>
    </div>
  );
}
