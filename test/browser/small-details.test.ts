// Details a user notices: the desk's candidate form reports every empty field at once, as the
// employer's form does; a CV's current job reads "– nu"; "Udskriv kvittering" prints the receipt only.
// Mounted with fixtureSync: fixture waits for a frame, which a background test tab never paints.
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../widget/index.ts';
import type { JobagCandidates } from '../../widget/candidates.ts';
import type { JobagJobcenterDesk } from '../../widget/jobcenter-desk.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import { button, fill, pickOccupation, ready, root } from './support/form-driver.ts';
import { expectAccessible } from './support/a11y.ts';
import { api, apiBase, order, placement, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(() => worker.resetHandlers());

const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();

async function deskOnOrder(locale: string): Promise<JobagJobcenterDesk> {
  const desk = fixtureSync<JobagJobcenterDesk>(html`<jobag-jobcenter-desk order-id="7" locale=${locale} base-url=${apiBase} .getToken=${tokens().getToken}></jobag-jobcenter-desk>`);
  await waitUntil(() => desk.shadowRoot!.querySelector('[part="place-form"]'), 'the order never loaded', { timeout: 5000 });
  return desk;
}

describe("the desk's candidate form", () => {
  for (const [locale, expected] of [
    ['da', { count: 'Der er 3 fejl i formularen:', lines: ['Udfyld Navn.', 'Udfyld Fødselsår.', 'Udfyld Beskrivelse til virksomheden.'] }],
    ['en', { count: 'There are 3 errors in the form:', lines: ['Fill in Name.', 'Fill in Year of birth.', 'Fill in Description for the company.'] }],
  ] as const) {
    it(`lists every empty required field at once, each field tied to its own message (${locale})`, async () => {
      const sent: unknown[] = [];
      worker.use(http.post(api('/v1/job-orders/7/placements'), () => (sent.push(1), HttpResponse.json(placement(9), { status: 201 }))));
      const desk = await deskOnOrder(locale);
      const shadow = desk.shadowRoot!;
      (shadow.getElementById('place') as HTMLButtonElement).click();
      await waitUntil(() => shadow.querySelector('[part="error-summary"]'), 'no error summary');
      const summary = shadow.querySelector('[part="error-summary"]')!;
      expect(text(summary.querySelector('p')!)).to.equal(expected.count);
      expect([...summary.querySelectorAll('li')].map(text)).to.deep.equal(expected.lines);
      const ids = ['candidate-name', 'candidate-birth-year', 'candidate-description'];
      ids.forEach((id, i) => {
        const control = shadow.getElementById(id)!;
        expect(control.getAttribute('aria-invalid'), id).to.equal('true');
        expect(control.getAttribute('aria-describedby'), id).to.equal(`${id}-error`);
        expect(text(shadow.getElementById(`${id}-error`)!), id).to.equal(expected.lines[i]);
      });
      await waitUntil(() => shadow.activeElement?.id === 'candidate-name', 'focus never reached the first empty field');
      await expectAccessible(desk);
      // Each line leads to its field.
      summary.querySelectorAll('a')[2]!.click();
      expect(shadow.activeElement?.id).to.equal('candidate-description');
      // A field filled in is no longer reported; the others still are.
      const name = shadow.getElementById('candidate-name') as HTMLInputElement;
      name.value = 'Sofie Berg';
      name.dispatchEvent(new Event('input', { bubbles: true }));
      await desk.updateComplete;
      expect(shadow.getElementById('candidate-name-error')).to.equal(null);
      expect(name.getAttribute('aria-invalid')).to.equal('false');
      expect(shadow.querySelectorAll('[part="error-summary"] li')).to.have.length(2);
      expect(sent, 'nothing was sent').to.have.length(0);
    });
  }
});

describe("a candidate's CV", () => {
  for (const [locale, current] of [
    ['da', 'Køkkenmedhjælper, Café Nord 2021-03 – nu'],
    ['en', 'Køkkenmedhjælper, Café Nord 2021-03 – now'],
  ] as const) {
    it(`shows a current job (no end) as running until now (${locale})`, async () => {
      const cv = {
        headline: 'Køkkenmedhjælper',
        summary: 'Erfaren.',
        experience: [
          { title: 'Køkkenmedhjælper', employer: 'Café Nord', from: '2021-03', to: null },
          { title: 'Opvasker', employer: 'Kantine Syd', from: '2018-01', to: '2021-02' },
        ],
      };
      worker.use(http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: [placement(3, { jobOrderId: 7, cv } as never)], nextCursor: null })));
      const el = fixtureSync<JobagCandidates>(html`<jobag-candidates order-id="7" placement-id="3" locale=${locale} base-url=${apiBase} .getToken=${tokens().getToken}></jobag-candidates>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="cv"] li'), 'the CV never showed', { timeout: 5000 });
      const jobs = [...el.shadowRoot!.querySelectorAll('[part="cv"] li')].map(text);
      expect(jobs).to.deep.equal([current, 'Opvasker, Kantine Syd 2018-01 – 2021-02']);
    });
  }
});

describe('"Udskriv kvittering"', () => {
  it('prints the receipt alone, from a frame of its own: not the form, not the host page', async () => {
    worker.use(http.post(api('/v1/job-orders'), () => HttpResponse.json(order(42, { occupation: { code: '512003', title: 'Køkkenchef' } }), { status: 201 })));
    const host = fixtureSync(html`<main><h1>Portalens egen overskrift</h1><jobag-order-form base-url=${apiBase} .getToken=${tokens().getToken}></jobag-order-form></main>`);
    const el = await ready(host.querySelector<JobagOrderForm>('jobag-order-form')!);
    await pickOccupation(el, 'køk', 'Køkkenchef');
    await fill(el, 'description', 'Menuplanlægning');
    button(el, 'Opret').click();
    await waitUntil(() => root(el).querySelector('[part="receipt"]'), 'no receipt');
    let pagePrinted = false;
    const print = window.print;
    window.print = () => {
      pagePrinted = true;
    };
    try {
      button(el, 'Udskriv kvittering').click();
    } finally {
      window.print = print;
    }
    expect(pagePrinted, 'the host page itself is not printed').to.equal(false);
    const frame = document.querySelector<HTMLIFrameElement>('iframe[data-jobag-print]')!;
    const body = frame.contentDocument!.body;
    expect([...body.children].map((child) => child.className)).to.deep.equal(['receipt']);
    expect(body.textContent).to.contain('Kvittering').and.contain('Køkkenchef').and.not.contain('Portalens egen overskrift');
    // Its own sheet hides the buttons on paper.
    expect(frame.contentWindow!.getComputedStyle(body.querySelector('.actions')!).display).to.equal('none');
  });
});
