import { ContextRoot } from '@lit/context';

// How the elements join a page. An element upgraded before its provider (separate bundles, any
// load order) asks for its context again when the provider arrives: one root per page, however
// many copies of the bundle the page loads.
const contextRootKey = Symbol.for('jobag.context-root');
const root = document.documentElement as HTMLElement & { [contextRootKey]?: ContextRoot };
if (!root[contextRootKey]) {
  root[contextRootKey] = new ContextRoot();
  root[contextRootKey].attach(root);
}

/** Registers a custom element only when its tag is free: a page may load two copies of the bundle. */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
