/**
 * Prints the marker-event table of docs/markers.md ("Marker events"): per synthetic case, the
 * contacts and toe-offs of the design scored against the markers' events, the landmarks' and the
 * events the analysis used, and each foot's choice with its figures.
 *   npx tsx test/markers/bench-foot-events.ts [case id substring] [--events]
 */
import { FOOT_CASES, runFootCase, tally, type ScoredEvent } from './foot-events-cases';

const args = process.argv.slice(2);
const filter = args.find((a) => !a.startsWith('--'));
const perEvent = args.includes('--events');

const line = (label: string, errs: (number | null)[]): string => {
  const t = tally(errs);
  return `${label} ${t.within1}/${t.of} within ±1 frame (found ${t.found}), median ${t.medianErr.toFixed(2)}, worst ${t.maxAbsErr.toFixed(2)}`;
};

for (const spec of FOOT_CASES.filter((c) => !filter || c.id.includes(filter))) {
  const t0 = performance.now();
  const r = await runFootCase(spec);
  console.log(
    `\n## ${spec.id} (${r.clip.frameCount} frames, ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  if (r.hiddenFrames) console.log(`right heel hidden on frames ${r.hiddenFrames[0]}–${r.hiddenFrames[1]}`);
  for (const kind of ['initial-contact', 'toe-off'] as const)
    for (const side of ['right', 'left'] as const) {
      const ev = r.events.filter((e) => e.kind === kind && e.side === side);
      const seen = ev.map((e) => (e.marker?.seen ? e.marker.err : null));
      console.log(`${kind} ${side}:`);
      console.log(`  ${line('markers (seen)', seen)}`);
      console.log(
        `  ${line(
          'landmarks     ',
          ev.map((e) => e.landmark),
        )}`,
      );
      console.log(
        `  ${line(
          'used          ',
          ev.map((e) => e.used?.err ?? null),
        )}; sources ${[...new Set(ev.map((e) => e.used?.source ?? '–'))].join(', ')}`,
      );
    }
  for (const s of r.hybrid.eventChoice?.sides ?? [])
    console.log(
      `${s.side}: ${s.use} (${s.reason}); level SD ${s.levelSdPx?.toFixed(2) ?? '–'} px; rhythm markers ${s.rhythm.markers?.toFixed(2) ?? '–'}, landmarks ${s.rhythm.landmarks?.toFixed(2) ?? '–'}, floor ${s.rhythm.floor.toFixed(2)} frames; ${s.fromMarkers} from markers, ${s.fallbacks} fallbacks`,
    );
  for (const f of r.feet)
    console.log(
      `${f.side} foot: heel level SD ${f.heel?.stanceSdPx?.toFixed(2) ?? '–'} px over ${f.heel?.stances ?? 0} stances; forefoot point ${f.forefoot ? `${f.forefoot.pivot.alongPx.toFixed(1)} px along, ${f.forefoot.pivot.belowPx.toFixed(1)} px below (foot ${f.forefoot.pivot.footPx.toFixed(1)} px), level SD ${f.forefoot.stanceSdPx?.toFixed(2) ?? '–'} px` : '–'}`,
    );
  console.log(r.hybrid.gait?.flags.find((f) => f.code === 'events-from-markers')?.message ?? 'no event flag');
  if (perEvent)
    for (const e of r.events as ScoredEvent[])
      console.log(
        `  ${e.kind} ${e.side} ${e.truthF.toFixed(2)}: markers ${e.marker ? `${e.marker.err.toFixed(2)}${e.marker.seen ? '' : ' (not seen)'} by ${e.marker.by}` : '–'}, landmarks ${e.landmark?.toFixed(2) ?? '–'}, used ${e.used ? `${e.used.err.toFixed(2)} (${e.used.source})` : '–'}${e.hidden ? ' [hidden]' : ''}`,
      );
}
