// The order form's details: an exact title typed is a title chosen, the error summary names each
// field once and by its label, a long text shows how much of its limit (sdk/rules.ts) is used, and
// long-term greys out its four fields as a whole.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { orderTextLimits } from '../../sdk/rules.ts';
import '../../widget/index.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import { button, errorOf, field, fill, ready, root, toggle } from './support/form-driver.ts';
import { apiBase, isoInDays, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(() => worker.resetHandlers());

async function createForm(locale = 'da'): Promise<JobagOrderForm> {
  const { getToken } = tokens();
  return ready(await fixture<JobagOrderForm>(html`<jobag-order-form base-url=${apiBase} locale=${locale} .getToken=${getToken}></jobag-order-form>`));
}

async function submit(el: JobagOrderForm): Promise<void> {
  button(el, 'Opret').focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => root(el).querySelector('[part="error-summary"]'), 'no error summary');
}

describe('<jobag-order-form> details', () => {
  it('accepts the only suggestion typed exactly and left with Tab', async () => {
    const el = await createForm();
    field(el, 'occupationCode').focus();
    await sendKeys({ type: 'lagermedarbejder' });
    await waitUntil(() => root(el).querySelector('[role="option"]'), 'no suggestions');
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => field(el, 'occupationCode').value === 'Lagermedarbejder', 'the exact title was not chosen');
    await submit(el);
    expect(errorOf(el, 'description'), 'the other errors are there').to.be.a('string');
    expect(errorOf(el, 'occupationCode'), 'no "Vælg en titel på listen"').to.equal(undefined);
  });

  it('a title that is not on the list is still refused', async () => {
    const el = await createForm();
    field(el, 'occupationCode').focus();
    await sendKeys({ type: 'Lagermedarb' });
    await waitUntil(() => root(el).querySelector('[role="option"]'), 'no suggestions');
    await sendKeys({ press: 'Tab' });
    await submit(el);
    expect(errorOf(el, 'occupationCode')).to.equal('Vælg en titel på listen.');
  });

  it('the error summary names each field once', async () => {
    const el = await createForm();
    await fill(el, 'startDate', isoInDays(-1));
    await submit(el);
    const lines = [...root(el).querySelectorAll('[part="error-summary"] li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(lines).to.include('Job startdato skal være dags dato eller en fremtidig dato.');
    expect(lines.filter((line) => line.startsWith('Job startdato')), 'once, not "Job startdato: Job startdato …"').to.have.length(1);
    for (const line of lines) {
      const [label, message] = line.split(': ');
      if (message) expect(message.toLowerCase().startsWith(label!.toLowerCase()), line).to.equal(false);
    }
  });

  for (const [locale, workplace, contact] of [
    ['da', 'Arbejdssted: ', 'Kontaktperson: '],
    ['en', 'Workplace: ', 'Contact person: '],
  ] as const) {
    it(`the error summary names every field by its label, never by its API path (${locale})`, async () => {
      const el = await createForm(locale);
      for (const clear of root(el).querySelectorAll<HTMLButtonElement>('button.clear')) clear.click();
      await fill(el, 'positions', '');
      await fill(el, 'workplace.postalCode', '12');
      (root(el).querySelector('[part="submit"]') as HTMLButtonElement).click();
      await waitUntil(() => root(el).querySelector('[part="error-summary"]'), 'no error summary');
      const lines = [...root(el).querySelectorAll('[part="error-summary"] li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(lines.length).to.be.above(5);
      for (const line of lines) expect(line, 'an API path or a field name in code').not.to.match(/\b(workplace|contact)\.|\b[a-z]+[A-Z]\w*\b/);
      expect(lines.filter((line) => line.startsWith(workplace)), 'name, street, postal code, city').to.have.length(4);
      expect(lines.filter((line) => line.startsWith(contact)), 'name, e-mail').to.have.length(2);
    });
  }

  it('R2.4.1: long-term greys out its four fields as a whole: label and help with the control', async () => {
    const el = await createForm();
    const four = ['startDate', 'durationDays', 'responseDeadline', 'maxCandidates'];
    const box = (path: string) => field(el, path).closest('.field')!;
    const look = (path: string) => ({ field: Number(getComputedStyle(box(path)).opacity), control: getComputedStyle(field(el, path)).backgroundColor });
    const before = look('startDate');
    expect(before.field).to.equal(1);
    await toggle(el, 'f-longTerm');
    for (const path of four) {
      expect(field(el, path).disabled, path).to.equal(true);
      expect(look(path).field, `${path}: its label and help are greyed too`).to.be.below(0.7);
      expect(look(path).control, `${path}: its control is filled grey`).not.to.equal(before.control);
    }
    expect(look('positions').field, 'the other fields stay as they are').to.equal(1);
    await toggle(el, 'f-longTerm');
    expect(look('startDate')).to.deep.equal(before);
  });

  for (const [locale, empty, typed] of [
    ['da', '0 af højst 10.000 tegn', '3 af højst 10.000 tegn'],
    ['en', '0 of at most 10,000 characters', '3 of at most 10,000 characters'],
  ] as const) {
    it(`"Beskriv opgaven" counts its characters against the limit (${locale})`, async () => {
      expect(orderTextLimits.description).to.equal(10_000);
      const el = await createForm(locale);
      const counter = () => root(el).getElementById('c-description')?.textContent?.trim();
      expect(counter()).to.equal(empty);
      expect(field(el, 'description').getAttribute('aria-describedby')).to.contain('c-description');
      expect(field(el, 'description').getAttribute('maxlength')).to.equal('10000');
      await fill(el, 'description', 'abc');
      expect(counter()).to.equal(typed);
    });
  }
});
