// Layout at a desktop's and a phone's width (WCAG 1.4.10 Reflow), on the example portal and the
// jobcenter desk as built and served (iframes of 1280 and 320 CSS pixels): every table fits its
// container at 1280, no header is cut, the desk's list shows all eight columns in its card; at
// 320 the page never scrolls sideways, and a table too wide scrolls inside its own named,
// focusable region that shows a shadow at a cut edge. Then the same elements mounted here on the
// real API at both widths are checked with axe's WCAG 2.2 A/AA rules (target size included).
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type * as Axe from 'axe-core';
import '../../widget/index.ts';
import type { JobagJobcenterDesk } from '../../widget/jobcenter-desk.ts';
import type { JobagOrderList } from '../../widget/order-list.ts';
import type { JobagPlacementLog } from '../../widget/placement-log.ts';
import './support/a11y.ts';
import { openPageFrame } from './support/page-frame.ts';
import { caseworkerToken, realBaseUrl, realToken } from './support/real-api.ts';

const widths = [1280, 320] as const;

const openPage = async (path: string, width: number) => (await openPageFrame(path, width, 800)).doc;

/** Every element matching `selector` in `root` and in every shadow root below it. */
function deepAll<E extends Element = HTMLElement>(root: Document | ShadowRoot, selector: string): E[] {
  const found = [...root.querySelectorAll<E>(selector)];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deepAll<E>(element.shadowRoot, selector));
  return found;
}

const listRows = (list: JobagOrderList | null | undefined) => list?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0;

/** Headers whose text does not fit their cell (shown cut, as "Kandi…"). */
const cutHeaders = (doc: Document) => deepAll(doc, 'th').filter((th) => th.scrollWidth > th.clientWidth).map((th) => `${th.textContent!.trim()}: ${th.scrollWidth} > ${th.clientWidth}`);

/** The scroll regions around tables whose table is wider than the region. */
const overflowing = (doc: Document) => deepAll(doc, '.scroll').filter((region) => region.scrollWidth > region.clientWidth + 1);

/** A region a keyboard user can reach and a screen reader names, with a cue painted at its edges. */
function expectScrollRegion(region: HTMLElement): void {
  expect(region.getAttribute('role')).to.equal('region');
  expect(region.tabIndex).to.equal(0);
  const labelledBy = region.getAttribute('aria-labelledby');
  const name = region.getAttribute('aria-label') ?? (labelledBy ? (region.getRootNode() as ShadowRoot).getElementById(labelledBy)?.textContent : '');
  expect(name?.trim(), 'the region has an accessible name').to.not.equal('');
  region.focus();
  expect((region.getRootNode() as ShadowRoot).activeElement).to.equal(region);
  // The cue: shadows fixed to the region's edges, covered where nothing is cut by patches that move with the content.
  const style = getComputedStyle(region);
  expect(style.backgroundImage.match(/radial-gradient/g)?.length, style.backgroundImage).to.equal(2);
  expect(style.backgroundAttachment).to.equal('local, local, scroll, scroll');
}

async function expectAccessible22(element: Element): Promise<void> {
  const axe = (window as unknown as { axe: typeof Axe }).axe;
  const results = await axe.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' > ')).join(', ')})`);
  expect(violations).to.deep.equal([]);
  // The WCAG 2.2 rules ran: target size (2.5.8) is among them.
  expect([...results.passes, ...results.incomplete, ...results.inapplicable, ...results.violations].some((r) => r.id === 'target-size')).to.equal(true);
}

describe('layout at 1280 and 320 px (WCAG 1.4.10)', () => {
  afterEach(async () => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of widths) {
    it(`the example portal at ${width} px: headers whole; ${width === 1280 ? 'the list fits its card' : 'no sideways page scroll, the list scrolls in its region'}; the opened order too`, async () => {
      const doc = await openPage('/examples/', width);
      const list = doc.querySelector<JobagOrderList>('jobag-order-list')!;
      await waitUntil(() => listRows(list) > 0, 'the portal list never loaded', { timeout: 10_000 });
      expect(cutHeaders(doc)).to.deep.equal([]);
      expect(doc.documentElement.scrollWidth).to.be.at.most(width);
      const region = list.shadowRoot!.querySelector<HTMLElement>('.scroll')!;
      expectScrollRegion(region);
      if (width === 1280) expect(overflowing(doc)).to.deep.equal([]);
      else expect(region.scrollWidth, 'seven columns do not fit a phone: the region scrolls').to.be.greaterThan(region.clientWidth);

      // The opened order: view, placement log and candidates.
      list.shadowRoot!.querySelector<HTMLAnchorElement>('tbody tr a')!.click();
      const log = doc.querySelector<JobagPlacementLog>('jobag-placement-log')!;
      await waitUntil(() => log.shadowRoot?.querySelector('tbody tr'), 'the log never loaded', { timeout: 10_000 });
      await waitUntil(() => doc.querySelector('jobag-order-view')?.shadowRoot?.getElementById('view-heading'), 'the view never loaded', { timeout: 10_000 });
      expect(cutHeaders(doc)).to.deep.equal([]);
      expect(doc.documentElement.scrollWidth).to.be.at.most(width);
      expectScrollRegion(log.shadowRoot!.querySelector<HTMLElement>('.scroll')!);
      if (width === 1280) expect(overflowing(doc)).to.deep.equal([]);
    });

    it(`the jobcenter desk at ${width} px: headers whole; ${width === 1280 ? 'all eight columns and the results fit the card' : 'no sideways page scroll, tables scroll in their regions'}; the opened order too`, async () => {
      const doc = await openPage('/examples/desk.html', width);
      const desk = doc.querySelector<JobagJobcenterDesk>('jobag-jobcenter-desk')!;
      const list = () => desk.shadowRoot?.querySelector<JobagOrderList>('jobag-order-list');
      await waitUntil(() => listRows(list()) > 0, 'the desk list never loaded', { timeout: 10_000 });
      await waitUntil(() => desk.shadowRoot!.querySelector('[part="stats"], [part="stats-empty"]'), 'the results never loaded', { timeout: 10_000 });
      expect(cutHeaders(doc)).to.deep.equal([]);
      expect(doc.documentElement.scrollWidth).to.be.at.most(width);
      const headers = [...list()!.shadowRoot!.querySelectorAll('thead th')];
      expect(headers.map((th) => th.textContent!.trim().replace(/[▲▼]/, ''))).to.deep.equal(['Id', 'Jobtitel/Beskrivelse', 'Virksomhed', 'Kontaktperson', 'Status', 'Seneste handling', 'Kandidater', 'Langvarig']);
      // "Virksomhed" is a sort button like the others, its text on the same line as theirs.
      const tops = headers.map((th) => Math.round(th.querySelector('button')!.getBoundingClientRect().top));
      expect(new Set(tops).size, `header tops ${tops.join()}`).to.equal(1);
      const region = list()!.shadowRoot!.querySelector<HTMLElement>('.scroll')!;
      expectScrollRegion(region);
      if (width === 1280) {
        expect(overflowing(doc).map((r) => `${r.scrollWidth} > ${r.clientWidth}`)).to.deep.equal([]);
        // The candidates column is on screen inside the card, without scrolling sideways.
        const card = doc.querySelector('section.card')!.getBoundingClientRect();
        const candidates = list()!.shadowRoot!.querySelector('button[data-sort="candidates"]')!.getBoundingClientRect();
        expect(candidates.right).to.be.at.most(card.right);
        // Sorting by the widest header (its arrow added) still fits.
        list()!.shadowRoot!.querySelector<HTMLButtonElement>('button[data-sort="title"]')!.click();
        await waitUntil(() => list()!.shadowRoot!.querySelector('th[aria-sort] button[data-sort="title"]'));
        expect(overflowing(doc).map((r) => `${r.scrollWidth} > ${r.clientWidth}`)).to.deep.equal([]);
      } else {
        expect(region.scrollWidth, 'eight columns do not fit a phone: the region scrolls').to.be.greaterThan(region.clientWidth);
      }

      // The opened order: forms, own candidates and the placement log.
      list()!.shadowRoot!.querySelector<HTMLAnchorElement>('tbody tr a')!.click();
      const log = () => desk.shadowRoot!.querySelector<JobagPlacementLog>('jobag-placement-log');
      await waitUntil(() => log()?.shadowRoot?.querySelector('tbody tr'), 'the order never opened', { timeout: 10_000 });
      expect(cutHeaders(doc)).to.deep.equal([]);
      expect(doc.documentElement.scrollWidth).to.be.at.most(width);
      expectScrollRegion(log()!.shadowRoot!.querySelector<HTMLElement>('.scroll')!);
      if (width === 1280) expect(overflowing(doc)).to.deep.equal([]);
    });
  }

  for (const width of widths) {
    it(`axe (WCAG 2.2 A and AA) on the list, the log and the desk at ${width} px`, async function () {
      this.timeout(60_000); // three elements on the real API, then axe over each, on a shared machine
      await setViewport({ width, height: 800 });
      const el = fixtureSync(html`<div>
        <jobag-order-list base-url=${realBaseUrl} .getToken=${realToken(1)}></jobag-order-list>
        <jobag-placement-log order-id="1" base-url=${realBaseUrl} .getToken=${realToken(1)}></jobag-placement-log>
        <jobag-jobcenter-desk base-url=${realBaseUrl} .getToken=${caseworkerToken()}></jobag-jobcenter-desk>
      </div>`);
      const list = el.querySelector<JobagOrderList>('jobag-order-list')!;
      const log = el.querySelector<JobagPlacementLog>('jobag-placement-log')!;
      const desk = el.querySelector<JobagJobcenterDesk>('jobag-jobcenter-desk')!;
      const deskList = () => desk.shadowRoot?.querySelector<JobagOrderList>('jobag-order-list');
      await waitUntil(() => listRows(list) > 0 && log.shadowRoot?.querySelector('tbody tr') && listRows(deskList()) > 0, 'the elements never loaded', { timeout: 20_000 });
      await waitUntil(() => desk.shadowRoot!.querySelector('[part="stats"], [part="stats-empty"]'), 'the results never loaded', { timeout: 10_000 });
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
      for (const element of [list, log, desk]) await expectAccessible22(element);

      deskList()!.shadowRoot!.querySelector<HTMLAnchorElement>('tbody tr a')!.click();
      await waitUntil(() => desk.shadowRoot!.querySelector('jobag-placement-log')?.shadowRoot?.querySelector('tbody tr'), 'the desk never opened the order', { timeout: 10_000 });
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
      await expectAccessible22(desk);
      el.remove();
    });
  }
});
