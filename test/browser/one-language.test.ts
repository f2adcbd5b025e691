// One language at a time: the example portal switched to English shows no Danish-only word in
// its own text or the list, and one term for the jobcenter; in Danish, no English-only word.
import { expect, waitUntil } from '@open-wc/testing';
import { openPageFrame } from './support/page-frame.ts';

/** Words only the Danish catalogue uses (the demo's data, e.g. job titles, stays Danish). */
const danishOnly = /\b(jobordre|jobordrer|oprettet|udpeget|formidlet|tovholder|kandidat|gem|annuller|fortryd|tilbage|hurtig|virksomhed\w*|sprog)\b/i;
/** And the reverse. */
const englishOnly = /\b(job orders?|created|appointed|coordinator|candidate|save|cancel|back|quick start|language|jobcentre)\b/i;

const openPortal = async () => (await openPageFrame('/examples/')).doc;

/** The portal's own words (hidden sections and its header too) and the list's chrome, not the orders in it. */
function words(doc: Document): string {
  const own = [...doc.querySelectorAll('[data-text], .brand, h1, h2, label, summary, option, title')].map((el) => el.textContent).join(' ');
  const list = doc.querySelector('jobag-order-list')!.shadowRoot!;
  const chrome = [...list.querySelectorAll('caption, th, label, option, .scroll-hint, [role="status"]')].map((el) => el.textContent).join(' ');
  return `${own} ${chrome}`.replace(/\s+/g, ' ');
}

describe('one language at a time in the example portal', () => {
  afterEach(() => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('English has no Danish-only word and says "jobcenter" only; Danish has no English-only word', async function () {
    this.timeout(30_000);
    const doc = await openPortal();
    const list = doc.querySelector('jobag-order-list')!;
    await waitUntil(() => list.shadowRoot!.querySelector('tbody tr'), 'the list never loaded', { timeout: 10_000 });
    expect(words(doc)).not.to.match(englishOnly);
    const locale = doc.getElementById('locale') as HTMLSelectElement;
    locale.value = 'en';
    locale.dispatchEvent(new Event('change'));
    await waitUntil(() => list.shadowRoot!.querySelector('caption')?.textContent === 'Job orders', 'the list never switched', { timeout: 10_000 });
    const english = words(doc);
    expect(english).not.to.match(danishOnly);
    expect(english, 'one term per concept').not.to.match(/jobcentre\b/i);
    expect(english).to.match(/jobcenter/i);
  });
});
