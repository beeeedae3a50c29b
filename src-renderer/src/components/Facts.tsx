/** A definition list of the facts that are known; unknown ones are left out, not shown as blanks. */
export function Facts({ items }: { items: readonly (readonly [string, string | undefined])[] }) {
  return (
    <dl className="facts">
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
