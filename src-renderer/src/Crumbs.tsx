/**
 * Where a page of a session sits: its patient › the session. One component, so the Record and
 * Review pages write the path with the same separator (they had "/" and "›").
 */
export function Crumbs(props: {
  patient: { id: string; name: string };
  session: { id: string; date: string };
}) {
  return (
    <p className="crumbs">
      <a href={`#/patients/${props.patient.id}`}>{props.patient.name}</a> ›{' '}
      <a href={`#/sessions/${props.session.id}`}>Session {props.session.date}</a>
    </p>
  );
}
