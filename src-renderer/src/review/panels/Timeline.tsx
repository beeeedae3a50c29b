/**
 * The event timeline of the active clip: one lane per foot with its initial contacts (tall) and
 * toe-offs (faint), those the PT corrected ringed with a ✎, key frames, the loop range and the
 * playhead. Click to seek.
 */
import type { FrameTable } from '../../../../src-shared/review/frames';
import type { LoopRange } from '../../../../src-shared/review/playhead';
import type { FrameEvent } from '../model';

export interface TimelineProps {
  readonly table: FrameTable;
  readonly events: readonly FrameEvent[];
  /** Frame shown by the active player. */
  readonly frame: number;
  /** Loop range in clip seconds, when looping. */
  readonly loop?: { start: number; end: number; kind: LoopRange['kind'] };
  readonly keyFrames: readonly number[];
  readonly onSeek: (clipT: number) => void;
}

/** What the marks of the timeline are, in the clinic's words. */
function TimelineLegend() {
  return (
    <p className="legend" data-testid="timeline-legend">
      <span>
        Lanes: <strong>L</strong> left foot, <strong>R</strong> right foot
      </span>
      <span>
        <span className="mark" />
        initial contact
      </span>
      <span>
        <span className="mark faint" />
        toe-off
      </span>
      <span>
        <span className="mark corrected" />
        corrected by hand
      </span>
      <span>
        <span className="mark key" />
        key frame
      </span>
      <span>
        <span className="mark loop" />
        loop
      </span>
      <span>
        <span className="mark cursor" />
        frame on screen (click to go elsewhere)
      </span>
    </p>
  );
}

export function Timeline(props: TimelineProps) {
  const { table } = props;
  const t0 = table.times[0]!;
  const span = table.end - t0;
  const pct = (t: number): string => `${(((t - t0) / span) * 100).toFixed(3)}%`;
  const at = (frame: number): number => table.times[frame] ?? t0;
  const lane = (foot: 'left' | 'right') => (
    <div className={`lane ${foot}`} aria-label={`${foot} foot events`}>
      <span className="lane-name">{foot === 'left' ? 'L' : 'R'}</span>
      {props.events
        .filter((e) => e.foot === foot && e.kind !== 'midstance')
        .map((e) => (
          <span
            key={`${e.kind}-${e.frame}`}
            className={`ev ${e.kind === 'initial-contact' ? 'ic' : 'to'}${e.corrected ? ' corrected' : ''}`}
            data-frame={e.frame}
            style={{ left: pct(at(e.frame)) }}
            title={`${foot === 'left' ? 'Left' : 'Right'} ${e.kind === 'initial-contact' ? 'initial contact' : 'toe-off'}, frame ${e.frame}${e.corrected ? ', corrected by hand' : ''}`}
          />
        ))}
    </div>
  );
  return (
    <div className="timeline-box">
      <div
        className="timeline"
        data-testid="timeline"
        role="slider"
        aria-label="Timeline: click to go to a moment"
        aria-valuemin={0}
        aria-valuemax={table.times.length - 1}
        aria-valuenow={props.frame}
        tabIndex={-1}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          props.onSeek(t0 + ((e.clientX - box.left) / box.width) * span);
        }}
      >
        {props.loop && (
          <span
            className="loop"
            style={{
              left: pct(props.loop.start),
              width: `${((props.loop.end - props.loop.start) / span) * 100}%`,
            }}
          />
        )}
        {lane('left')}
        {lane('right')}
        {props.keyFrames.map((f) => (
          <span key={`k${f}`} className="key-mark" style={{ left: pct(at(f)) }} title={`Key frame ${f}`} />
        ))}
        <span className="cursor" style={{ left: pct(at(props.frame)) }} />
      </div>
      <TimelineLegend />
    </div>
  );
}
