/** A definition list of the facts that are known; unknown ones are left out, not shown as blanks. */
export function Facts({
  items,
  className = 'facts',
}: {
  items: readonly (readonly [string, string | undefined])[];
  /** The app's boxed style by default; the printed report styles its own. */
  className?: string;
}) {
  return (
    <dl className={className || undefined}>
      {items
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}
