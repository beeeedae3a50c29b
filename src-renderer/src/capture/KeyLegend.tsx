import { CAPTURE_KEYS } from '../../../src-shared/capture/keys';

/** The keys of this page, on screen (R records: Space stays play/pause, as everywhere else). */
export function KeyLegend() {
  return (
    <dl className="capture-keys" aria-label="Keys">
      {CAPTURE_KEYS.map((k) => (
        <div key={k.action}>
          <dt>
            <kbd>{k.label}</kbd>
          </dt>
          <dd>{k.does}</dd>
        </div>
      ))}
    </dl>
  );
}
