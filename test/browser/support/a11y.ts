// axe-core in the test page, limited to the WCAG 2.1 A and AA rules (R8.3).
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { expect } from '@open-wc/testing';

declare global {
  interface Window {
    axe: typeof Axe;
  }
}

export async function expectAccessible(element: Element): Promise<void> {
  const results = await window.axe.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' > ')).join(', ')})`);
  expect(violations).to.deep.equal([]);
}
