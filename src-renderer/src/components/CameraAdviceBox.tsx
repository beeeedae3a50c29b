import { CAMERA_ADVICE } from '../../../src-shared/gait/camera-advice';
import './camera-advice.css';

/**
 * Camera placement advice where clips are filmed (capture page) or imported (session page), from
 * the one table the quality warnings point back to (src-shared/gait/camera-advice.ts). Folded by
 * default: the PT opens it when setting up, and it stays out of the way afterwards.
 */
export function CameraAdviceBox(props: { open?: boolean }) {
  return (
    <details className="camera-advice" data-testid="camera-advice" open={props.open}>
      <summary>Camera placement</summary>
      <dl>
        {CAMERA_ADVICE.map((a) => (
          <div key={a.id} data-advice={a.id}>
            <dt>{a.title}</dt>
            <dd>
              {a.text} <span className="muted">{a.why}</span>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
