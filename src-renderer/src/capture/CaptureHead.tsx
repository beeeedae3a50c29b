import { Crumbs } from '../Crumbs';

/**
 * The record page's head: where it sits (patient › session), its title, the camera scan, and what
 * the scan could not do, in words.
 */
export function CaptureHead(props: {
  patient: { id: string; name: string };
  session: { id: string; date: string };
  recording: boolean;
  onLookForCameras: () => void;
  listError: string | undefined;
}) {
  const { patient, session, recording, listError } = props;
  return (
    <>
      <Crumbs patient={patient} session={session} />
      <div className="page-head">
        <h1>Record</h1>
        <div className="actions">
          <button type="button" className="secondary" disabled={recording} onClick={props.onLookForCameras}>
            Look for cameras
          </button>
        </div>
      </div>
      {listError && (
        <p className="error" role="alert" data-testid="camera-list-error">
          {listError}
        </p>
      )}
    </>
  );
}
