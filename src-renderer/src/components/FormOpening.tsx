/**
 * An edit form before its record is in it: "Loading…", or why it could not be read. No boxes
 * until then, so nothing typed meanwhile is replaced and no Save writes empty boxes over the record.
 */
export function FormOpening(props: { title: string; error?: string | undefined }) {
  return (
    <section className="page narrow">
      <h1>{props.title}</h1>
      {props.error ? (
        <p className="error" role="alert">
          {props.error}
        </p>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
