import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../widget/index.ts';
import type { JobagCandidates } from '../../widget/candidates.ts';
import type { JobagPlacementLog } from '../../widget/placement-log.ts';
import { expectAccessible } from './support/a11y.ts';
import { api, apiBase, logEntry, placement, pushEvent, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(async () => {
  worker.resetHandlers();
  await setViewport({ width: 800, height: 600 });
});

const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ').trim();
const rows = (el: JobagPlacementLog) => [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];
const cells = (row: HTMLTableRowElement) => [...row.cells].map((c) => text(c));

const entries = [
  logEntry(1, { orderId: 7, action: 'created', description: '' }),
  logEntry(2, { orderId: 7, action: 'coordinator_appointed', description: 'Anna Berg', actor: { kind: 'jobcenter', name: 'Jobcenter København', person: null } }),
  logEntry(3, { orderId: 7, action: 'placement', description: 'Mira har erfaring fra kantine.', placementId: 1, actor: { kind: 'jobcenter', name: 'Jobcenter København', person: 'Lars Holm' } }),
  logEntry(4, { orderId: 7, action: 'changed', status: 'inactive', description: 'Vi holder pause.' }),
  logEntry(5, { orderId: 7, action: 'withdrawn', description: 'Har fået andet job.', placementId: 1, actor: { kind: 'jobcenter', name: 'Jobcenter København', person: 'Lars Holm' } }),
  logEntry(6, { orderId: 7, action: 'edited', description: '' }),
  logEntry(7, { orderId: 7, action: 'note', description: 'Vi ringer mandag.', actor: { kind: 'jobcenter', name: 'Jobcenter København', person: null } }),
];

async function log(locale = 'da'): Promise<JobagPlacementLog> {
  const { getToken } = tokens();
  const el = await fixture<JobagPlacementLog>(html`<jobag-placement-log order-id="7" locale=${locale} base-url=${apiBase} .getToken=${getToken}></jobag-placement-log>`);
  await waitUntil(() => rows(el).length || el.shadowRoot!.querySelector('[role="alert"], .empty:not(.loading)'), 'the log never loaded');
  return el;
}

describe('<jobag-placement-log> with a mocked API', () => {
  it('R4.3, R9: four columns, oldest first, the guide\'s action words, who acted (and the person when known)', async () => {
    worker.use(http.get(api('/v1/job-orders/7/log'), () => HttpResponse.json({ items: entries, nextCursor: null })));
    const el = await log();
    expect([...el.shadowRoot!.querySelectorAll('th')].map((th) => text(th))).to.deep.equal(['Oprettet af', 'Beskrivelse', 'Handlingstype', 'Handlingsdato']);
    expect(rows(el).map((r) => cells(r)[2])).to.deep.equal(['Oprettet', 'Tovholder udpeget', 'Formidling', 'Ændret', 'Fjernet', 'Redigeret', 'Note']);
    expect(cells(rows(el)[0]!)).to.deep.equal(['Nordlys Køkken ApS Mette Hansen', 'Jobordren er oprettet og sendt til jobcentret.', 'Oprettet', '27.11.2026']);
    expect(cells(rows(el)[2]!)[0]).to.equal('Jobcenter København Lars Holm');
    expect(cells(rows(el)[3]!)[1]).to.equal('Status: Midlertidig inaktiv. Vi holder pause.');
    await expectAccessible(el);
  });

  it('R8.2: English action words', async () => {
    worker.use(http.get(api('/v1/job-orders/7/log'), () => HttpResponse.json({ items: entries, nextCursor: null })));
    const el = await log('en');
    expect([...el.shadowRoot!.querySelectorAll('th')].map((th) => text(th))).to.deep.equal(['Created by', 'Description', 'Action type', 'Action date']);
    expect(rows(el).map((r) => cells(r)[2])).to.deep.equal(['Created', 'Coordinator appointed', 'Placement', 'Changed', 'Withdrawn', 'Edited', 'Note']);
    await expectAccessible(el);
  });

  it('R4.3: pages with "Vis flere" and nextCursor; focus stays on the button while more remain, then moves to the first new row', async () => {
    const cursors: (string | null)[] = [];
    worker.use(
      http.get(api('/v1/job-orders/7/log'), ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        cursors.push(cursor);
        const page = cursor === null ? { items: entries.slice(0, 3), nextCursor: 'p2' } : cursor === 'p2' ? { items: entries.slice(3, 5), nextCursor: 'p3' } : { items: entries.slice(5), nextCursor: null };
        return HttpResponse.json(page);
      }),
    );
    const el = await log();
    const more = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="more"]');
    more()!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 5);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === more(), 'focus stays on "Vis flere" while more remain').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 7);
    await el.updateComplete;
    expect(more()).to.equal(null);
    expect(el.shadowRoot!.activeElement === rows(el)[5], 'focus on the first new row').to.equal(true);
    expect(cursors).to.deep.equal([null, 'p2', 'p3']);
  });

  it('live: an entry made elsewhere is added at the end and announced politely', async () => {
    worker.use(http.get(api('/v1/job-orders/7/log'), () => HttpResponse.json({ items: entries.slice(0, 2), nextCursor: null })));
    const el = await log();
    await waitUntil(() => {
      pushEvent(entries[2]!);
      return rows(el).length === 3;
    }, 'the placement never arrived', { timeout: 2000, interval: 200 });
    expect(cells(rows(el)[2]!)[2]).to.equal('Formidling');
    expect(text(el.shadowRoot!.querySelector('[aria-live="polite"]')!)).to.equal('Ny linje i formidlingsloggen: Formidling (Jobcenter København).');
    pushEvent(logEntry(99, { orderId: 8, action: 'note' }));
    pushEvent(entries[2]!);
    // A later entry of this order: once it is shown, the two before it had their chance.
    pushEvent(logEntry(100, { orderId: 7, action: 'note' }));
    await waitUntil(() => rows(el).length >= 4, 'the later entry never arrived');
    expect(rows(el), 'neither another order\'s entry nor a repeat was added').to.have.length(4);
  });

  it('R8.3: 320 px reflow and axe in dark', async () => {
    await setViewport({ width: 320, height: 700 });
    worker.use(http.get(api('/v1/job-orders/7/log'), () => HttpResponse.json({ items: entries, nextCursor: null })));
    const { getToken } = tokens();
    const page = fixtureSync<HTMLElement>(html`<div style="color-scheme: dark; background: #121212">
      <jobag-placement-log order-id="7" base-url=${apiBase} .getToken=${getToken}></jobag-placement-log>
    </div>`);
    const el = page.querySelector('jobag-placement-log')!;
    await waitUntil(() => rows(el).length === 7);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    await expectAccessible(page);
  });
});

const items = (el: JobagCandidates) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="candidate"]')];

describe('<jobag-candidates> with a mocked API', () => {
  const cv = {
    headline: 'Erfaren køkkenmedhjælper',
    summary: 'Seks år i storkøkken.',
    experience: [{ title: 'Køkkenmedhjælper', employer: 'Kantinen A/S', from: '2019', to: '2025', description: null }],
    education: [{ title: 'Ernæringsassistent', institution: 'ZBC', year: 2018 }],
    skills: ['Opvask', 'HACCP'],
  };
  const placements = [
    placement(1, { name: 'Mira Jensen', cv, website: 'https://mira.example', address: undefined }),
    placement(2, { name: 'Ole Sørensen', address: undefined, website: 'javascript:alert(1)', email: 'ole@example.dk', phone: '+45 40 50 60 70', withdrawnAt: '2026-11-27T12:00:00.000Z' }),
    placement(3, { name: 'Ida Holm' }),
  ];

  async function candidates(): Promise<JobagCandidates> {
    worker.use(http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: placements, nextCursor: null })));
    const { getToken } = tokens();
    const el = await fixture<JobagCandidates>(html`<jobag-candidates order-id="7" base-url=${apiBase} .getToken=${getToken}></jobag-candidates>`);
    await waitUntil(() => items(el).length === 3, 'no candidates');
    return el;
  }

  it('R4.4: "Alle formidlede kandidater" lists each candidate, withdrawn ones marked', async () => {
    const el = await candidates();
    expect(text(el.shadowRoot!.querySelector('h2')!)).to.equal('Alle formidlede kandidater');
    expect(items(el).map((i) => text(i.querySelector('[part="candidate-link"]')!))).to.deep.equal(['Mira Jensen', 'Ole Sørensen', 'Ida Holm']);
    expect(items(el)[1]!.querySelector('[part="withdrawn"]')!.textContent).to.contain('Fjernet');
    expect(items(el)[0]!.querySelector('[part="withdrawn"]')).to.equal(null);
    await expectAccessible(el);
  });

  it('R4.4: a searchable CV opens laid out as a CV, by keyboard, and "Tilbage" returns focus to the name', async () => {
    const el = await candidates();
    items(el)[0]!.querySelector<HTMLButtonElement>('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const cvPart = el.shadowRoot!.querySelector('[part="cv"]')!;
    expect(text(cvPart)).to.contain('CV: Erfaren køkkenmedhjælper').and.contain('Erhvervserfaring').and.contain('Kantinen A/S').and.contain('HACCP');
    expect(el.shadowRoot!.activeElement!.id).to.equal('candidate-heading');
    expect(el.shadowRoot!.querySelector<HTMLAnchorElement>('a[href="https://mira.example/"]')!.textContent).to.equal('https://mira.example');
    await expectAccessible(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="back"]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement!.textContent).to.equal('Mira Jensen');
  });

  it('R4.4, R5.2, R8.4: without a CV: name, birth year, contact details; no address when the server sent none; a website that is not http(s) is no link', async () => {
    const el = await candidates();
    items(el)[1]!.querySelector('button')!.click();
    await el.updateComplete;
    const view = el.shadowRoot!.querySelector('[part="candidate-view"]')!;
    expect(text(view)).to.contain('Ole Sørensen').and.contain('Fødselsår').and.contain('1996').and.contain('ole@example.dk').and.contain('+45 40 50 60 70');
    expect(text(view)).to.contain('Ikke oplyst');
    expect(view.querySelector('a[href^="javascript"]')).to.equal(null);
    expect(el.shadowRoot!.innerHTML).to.not.contain('Jagtvej');
  });

  it('R4.4: with an address sent, it is shown', async () => {
    const el = await candidates();
    items(el)[2]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('[part="candidate-view"]')!)).to.contain('Jagtvej 10 2200 København N');
  });

  it('R8.2, R8.3: in English, dark, at 320 px, a CV open: reflows and passes axe', async function () {
    this.timeout(30_000);
    await setViewport({ width: 320, height: 700 });
    worker.use(http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: placements, nextCursor: null })));
    const { getToken } = tokens();
    const page = fixtureSync<HTMLElement>(html`<div style="color-scheme: dark; background: #121212">
      <jobag-candidates order-id="7" locale="en" base-url=${apiBase} .getToken=${getToken}></jobag-candidates>
    </div>`);
    const el = page.querySelector('jobag-candidates')!;
    await waitUntil(() => items(el).length === 3);
    expect(text(el.shadowRoot!.querySelector('h2')!)).to.equal('All placed candidates');
    await expectAccessible(page);
    items(el)[0]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('[part="cv"]')!)).to.contain('Work experience');
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    await expectAccessible(page);
  });
});
