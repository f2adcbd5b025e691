/**
 * Every JobAG element: its tag and the module that defines it. THE one list: the loader
 * (`dist/jobag.js`) defines a tag from it when the tag first appears, rollup.config.mjs reads it
 * for the element chunks and for `dist/jobag.all.js`, and
 * test/server/http/bundles.test.ts checks that every `defineElement('jobag-…')` is here. Adding an element
 * is one line. An element whose shadow DOM renders other elements imports their modules itself.
 */
export const elements = {
  'jobag-provider': () => import('./provider.ts'),
  'jobag-order-list': () => import('./order-list.ts'),
  'jobag-order-form': () => import('./order-form.ts'),
  'jobag-order-view': () => import('./order-view.ts'),
  'jobag-placement-log': () => import('./placement-log.ts'),
  'jobag-candidates': () => import('./candidates.ts'),
  'jobag-jobcenter-desk': () => import('./jobcenter-desk.ts'),
  'jobag-order-page': () => import('./order-page.ts'),
} satisfies Record<`jobag-${string}`, () => Promise<unknown>>;

export type ElementTag = keyof typeof elements;
