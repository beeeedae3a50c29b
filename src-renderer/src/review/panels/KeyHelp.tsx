/** The review's keys, listed from the keymap itself (what is shown is what is bound). */
import { KEYMAP } from '../../../../src-shared/review/keymap';

export function KeyHelp() {
  return (
    <details className="key-help">
      <summary>Keyboard</summary>
      <dl>
        {KEYMAP.map((b) => (
          <div key={b.shown}>
            <dt>
              <kbd>{b.shown}</kbd>
            </dt>
            <dd>{b.label}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
