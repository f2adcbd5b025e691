/**
 * `dist/jobag.js`: the small loader. It defines each JobAG element when its tag first appears in
 * the page (now, or added later, also inside the shadow roots of JobAG elements and of any root
 * given to `observe`), by a dynamic import of that element's chunk over the shared runtime chunk.
 * Elements inside a `hidden` part of the page are fetched after the visible ones, when the browser is idle.
 * Elements are defined as usual, so `customElements.whenDefined('jobag-order-list')` works.
 *
 * ```html
 * <script type="module" src="https://api.example/dist/jobag.js"></script>
 * <jobag-provider base-url="https://api.example"><jobag-order-list></jobag-order-list></jobag-provider>
 * ```
 */
import { elements, type ElementTag } from './elements.ts';

const waiting = new Map<string, () => Promise<unknown>>(Object.entries(elements));
const selector = Object.keys(elements).join(',');
const watched = new WeakSet<Node>();
const loads = new Map<string, Promise<void>>();

/** Loads and defines one element (once); resolves when it is defined. */
export function load(tag: ElementTag): Promise<void> {
  let loading = loads.get(tag);
  const importer = waiting.get(tag);
  if (!loading && importer) {
    waiting.delete(tag);
    loading = importer().then(
      () => undefined,
      (error: unknown) => {
        // A failed chunk (offline, a deploy in between) may be tried again when the tag appears again.
        loads.delete(tag);
        waiting.set(tag, importer);
        console.error(error);
      },
    );
    loads.set(tag, loading);
  }
  return loading ?? Promise.resolve();
}

/** Runs `task` when the browser is idle, within 2 s (a browser without requestIdleCallback: in the next task). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 0);
}

/** Loads every element found in `root`, and watches the shadow roots of those it finds. */
function visit(root: Element | Document | DocumentFragment): void {
  if (waiting.size === 0) return;
  const found = root instanceof Element && root.matches(selector) ? [root, ...root.querySelectorAll(selector)] : [...root.querySelectorAll(selector)];
  for (const element of found) {
    const tag = element.localName as ElementTag;
    // What the user sees first gets the network and the main thread first: a hidden section's
    // elements follow once the visible ones are loaded and the browser is idle (by then the visible
    // ones have sent their first requests), so their code, and the requests they make when they
    // start, do not hold up the first rows.
    if (waiting.has(tag)) {
      if (element.closest('[hidden]')) void Promise.allSettled([...loads.values()]).then(() => whenIdle(() => void load(tag)));
      else void load(tag);
    }
    // Its own shadow root exists once it is defined and connected (Lit makes it then).
    void customElements.whenDefined(tag).then(() => {
      if (element.shadowRoot) observe(element.shadowRoot);
    });
  }
}

const observer = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) visit(node);
  // Every element is loaded: nothing is left to look for.
  if (waiting.size === 0) observer.disconnect();
});

/**
 * Watches a root for JobAG elements: the document is watched from the start; a host whose own
 * components render JobAG elements in their shadow DOM passes those shadow roots here.
 */
export function observe(root: Document | ShadowRoot): void {
  if (watched.has(root)) return;
  watched.add(root);
  observer.observe(root, { childList: true, subtree: true });
  visit(root);
}

observe(document);
