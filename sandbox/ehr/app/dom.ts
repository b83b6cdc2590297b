/**
 * Building the page from data without ever parsing markup: strings become text nodes, attributes
 * are set one by one. Record text (names, addresses, notes) can therefore never become HTML.
 */

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  className?: string;
  attrs?: Readonly<Record<string, string>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** A definition list of label/value rows; empty values read "Not recorded" rather than disappearing. */
export function facts(rows: readonly (readonly [string, Child])[], className = 'facts'): HTMLDListElement {
  const list = h('dl', { className });
  for (const [label, value] of rows) {
    list.append(h('div', { className: 'facts__row' }, h('dt', {}, label), h('dd', {}, value === '' || value == null ? 'Not recorded' : value)));
  }
  return list;
}

export function card(title: string, ...children: Child[]): HTMLElement {
  return h('section', { className: 'card', attrs: { 'aria-label': title } }, h('h2', { className: 'card__title' }, title), ...children);
}
