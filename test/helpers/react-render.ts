/**
 * React for tests that render the renderer's components to HTML (react-dom/server). Loaded by name:
 * the node type-check (tsconfig.node.json) has no JSX and no DOM, and React's types would bring the
 * DOM into every test it checks; vitest compiles the components as the renderer's build does. A
 * test loads its components the same way (`import(/* @vite-ignore *\/ path)`), relative to itself.
 */
export type Element = unknown;
export type Component<P> = (props: P) => Element;

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);

export const { createElement } = (await load('react')) as {
  createElement: (type: unknown, props: unknown, ...children: Element[]) => Element;
};
export const { renderToStaticMarkup } = (await load('react-dom/server')) as {
  renderToStaticMarkup: (e: Element) => string;
};

/** A component's HTML for these props. */
export const renderHtml = <P>(c: Component<P>, props: P): string =>
  renderToStaticMarkup(createElement(c, props));
