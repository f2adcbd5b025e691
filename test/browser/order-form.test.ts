import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { CreateJobOrder, JobOrder } from '../../sdk/index.ts';
import { orderNumberLimits, orderTextLimits } from '../../sdk/rules.ts';
import '../../widget/index.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import { expectAccessible } from './support/a11y.ts';
import { button, choose, errorOf, field, fill, labelOf, listboxOpen, options, pickOccupation, ready, root, toggle } from './support/form-driver.ts';
import { api, apiBase, isoInDays, isoToday, me, order, problem, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(() => worker.resetHandlers());

async function createForm(description = ''): Promise<JobagOrderForm> {
  const { getToken } = tokens();
  return ready(await fixture<JobagOrderForm>(html`<jobag-order-form base-url=${apiBase} .getToken=${getToken} description=${description}></jobag-order-form>`));
}

/** Answers POST /v1/job-orders like the API would, remembering what was sent. */
function acceptCreate(): { bodies: CreateJobOrder[]; keys: (string | null)[] } {
  const sent = { bodies: [] as CreateJobOrder[], keys: [] as (string | null)[] };
  worker.use(
    http.post(api('/v1/job-orders'), async ({ request }) => {
      const body = (await request.json()) as CreateJobOrder;
      sent.bodies.push(body);
      sent.keys.push(request.headers.get('idempotency-key'));
      return HttpResponse.json(order(42, { description: body.description, occupation: { code: body.occupationCode, title: 'Køkkenchef' } }), { status: 201 });
    }),
  );
  return sent;
}

describe('<jobag-order-form> creating, with a mocked API', () => {
  it('R2, R9: pre-fills from the signed-in contact and uses the guide\'s Danish words', async () => {
    const el = await createForm('Opvask i travlt køkken');
    expect(root(el).querySelector('h2')!.textContent).to.equal('Opret jobordre');
    expect(labelOf(el, 'occupationCode')).to.equal('Stillingsbetegnelse eller jobtitel');
    expect(labelOf(el, 'responsibleJobcenterId')).to.equal('Ansvarligt jobcenter');
    expect(labelOf(el, 'description')).to.equal('Beskriv opgaven, der skal udføres');
    expect(labelOf(el, 'positions')).to.equal('Antal stillinger, der skal besættes');
    expect(labelOf(el, 'emailOnPlacement')).to.equal('E-mail ved formidling');
    expect(labelOf(el, 'workplace.pNumber')).to.equal('Hvilket arbejdssted/P-nummer er ansvarlig for jobordren?');
    expect(labelOf(el, 'contact.contactPersonId')).to.equal('Kontaktperson ang. jobbet');
    const legends = [...root(el).querySelectorAll('legend')].map((l) => l.textContent!.trim());
    expect(legends).to.include.members(['Datoer og vilkår', 'Arbejdstid', 'Arbejdssted', 'Kontaktperson']);
    // R2.1.2: the first workplace is in København, whose jobcenter has signed up.
    expect(field<HTMLSelectElement>(el, 'responsibleJobcenterId').value).to.equal('101');
    expect(field<HTMLTextAreaElement>(el, 'description').value).to.equal('Opvask i travlt køkken'); // R2.2
    expect(field(el, 'positions').value).to.equal('1');
    expect(field(el, 'emailOnPlacement').checked).to.equal(true); // R2.3
    expect(field(el, 'startDate').value).to.equal(isoToday()); // R2.4.2
    expect(field(el, 'startDate').min).to.equal(isoToday());
    expect(field(el, 'responseDeadline').min).to.equal(isoInDays(1)); // R2.4.4
    expect(field(el, 'workingTime-unspecified').checked).to.equal(true);
    const selected = (path: string) => field<HTMLSelectElement>(el, path).selectedOptions[0]!.textContent!.trim();
    expect(selected('workingHoursCondition')).to.equal('Normal arbejdstid'); // R2.4.8
    expect(selected('responseMethod')).to.equal('Ikke angivet'); // R2.4.9
    expect([field(el, 'workplace.name').value, field(el, 'workplace.street').value, field(el, 'workplace.postalCode').value]).to.deep.equal([
      'Nordlys Køkken Vesterbro',
      'Vesterbrogade 12',
      '1620',
    ]);
    expect([field(el, 'contact.name').value, field(el, 'contact.email').value]).to.deep.equal(['Mette Hansen', 'mette.hansen@nordlys.example']);
    expect(button(el, 'Opret')).to.exist;
    expect(button(el, 'Fortryd')).to.exist;
  });

  it('R2.1.2: a workplace whose local jobcenter has not signed up leaves the choice empty, with only signed-up jobcenters offered', async () => {
    const el = await createForm();
    await choose(el, 'workplace.pNumber', '1003456782');
    const select = field<HTMLSelectElement>(el, 'responsibleJobcenterId');
    expect(select.value).to.equal('');
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Vælg et tilmeldt jobcenter', 'Jobcenter Aarhus', 'Jobcenter København']);
    expect(root(el).getElementById('n-responsibleJobcenterId')!.textContent).to.equal('Jobcenter Vejle er ikke tilmeldt jobordre. Vælg et af de tilmeldte jobcentre.');
    expect(select.getAttribute('aria-describedby')).to.contain('h-responsibleJobcenterId').and.contain('n-responsibleJobcenterId');
    expect(root(el).getElementById('h-responsibleJobcenterId')!.textContent).to.contain('tovholder');
    expect(field(el, 'workplace.city').value).to.equal('Vejle'); // R2.5: the P-number fills its address
  });

  it('R2.5, R2.6: pre-fills the signed-in contact person\'s own workplace, not just the first one', async () => {
    const jonas = me.company!.contactPersons[1]!;
    worker.use(http.get(api('/v1/me'), () => HttpResponse.json({ ...me, contactPerson: jonas })));
    const el = await createForm();
    expect(field<HTMLSelectElement>(el, 'workplace.pNumber').value).to.equal('1003456782');
    expect(field(el, 'workplace.name').value).to.equal('Nordlys Køkken Vejle');
    expect(field(el, 'contact.name').value).to.equal('Jonas Østergaard');
    // R2.1.2: Vejle's jobcenter has not signed up, so nothing is pre-selected.
    expect(field<HTMLSelectElement>(el, 'responsibleJobcenterId').value).to.equal('');
  });

  it('R2.1.1: the job title is an ARIA 1.2 combobox driven by the keyboard (3 letters, arrows, Enter, Escape)', async () => {
    const queries: string[] = [];
    worker.use(
      http.get(api('/v1/occupations'), ({ request }) => {
        queries.push(new URL(request.url).searchParams.get('q')!);
        return HttpResponse.json({
          items: [
            { code: '512003', title: 'Køkkenchef', discoCode: '5120' },
            { code: '941201', title: 'Køkkenmedhjælper', discoCode: '9412' },
            { code: '512010', title: 'Kok, køkkenleder', discoCode: '5120' },
          ],
          nextCursor: null,
        });
      }),
    );
    // A complete form, so an Enter that leaked through to the form would really send an order.
    const sent = acceptCreate();
    const el = await createForm('Opvask i travlt køkken');
    let submits = 0;
    root(el).querySelector('form')!.addEventListener('submit', () => submits++);
    const input = field(el, 'occupationCode');
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-autocomplete')).to.equal('list');
    expect(input.getAttribute('aria-controls')).to.equal('occupation-listbox');
    input.focus();
    await sendKeys({ type: 'kø' });
    await el.updateComplete;
    // Below three letters no search is even pending: the field does not announce one.
    expect(root(el).querySelector('.combobox [role="status"]')!.textContent, 'no search below three letters').to.equal('');
    expect(queries).to.deep.equal([]);
    await sendKeys({ type: 'k' });
    await waitUntil(() => listboxOpen(el), 'suggestions never opened', { timeout: 3000 });
    expect(queries).to.deep.equal(['køk']);
    expect(options(el)).to.deep.equal(['Køkkenchef', 'Køkkenmedhjælper', 'Kok, køkkenleder']);
    expect(root(el).querySelector('.combobox [role="status"]')!.textContent).to.contain('3 forslag');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('occupation-listbox-1');
    expect(root(el).getElementById('occupation-listbox-1')!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant'), 'Up wraps to the last').to.equal('occupation-listbox-2');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(listboxOpen(el)).to.equal(false);
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(listboxOpen(el), 'Down opens it again').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input.value).to.equal('Køkkenchef');
    expect(listboxOpen(el)).to.equal(false);
    // The control below presses Enter again and counts exactly one submit: this one sent none.
    expect(submits, 'Enter chose; it did not submit the form').to.equal(0);
    expect(sent.bodies, 'Enter chose; no order was sent').to.deep.equal([]);
    expect(root(el).activeElement, 'focus stays in the job-title field').to.equal(input);
    await expectAccessible(el);
    // Control: with the list closed, Enter is the form's ordinary submit, and the same listener and msw see it.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.bodies.length === 1, 'Enter with the list closed never sent the order', { timeout: 3000 });
    expect(submits).to.equal(1);
    expect(sent.bodies[0]!.occupationCode, 'the suggestion Enter chose is the one sent').to.equal('512003');
  });

  it('R2.1.1: searches once after typing pauses, and a slow, stale answer never replaces the latest', async () => {
    const queries: string[] = [];
    // The slow answer comes when the test lets it, after the later one is shown.
    let answerSlow!: () => void;
    const slowMayAnswer = new Promise<void>((resolve) => (answerSlow = resolve));
    let slowAnswered = false;
    const titles: Record<string, string> = { kok: 'Kok (stale)', køkkenc: 'Køkkenchef' };
    worker.use(
      http.get(api('/v1/occupations'), async ({ request }) => {
        const q = new URL(request.url).searchParams.get('q')!;
        queries.push(q);
        if (q === 'kok') await slowMayAnswer.then(() => (slowAnswered = true));
        return HttpResponse.json({ items: [{ code: '1', title: titles[q] ?? 'Køkkenmedhjælper', discoCode: '1' }], nextCursor: null });
      }),
    );
    const el = await createForm();
    field(el, 'occupationCode').focus();
    await sendKeys({ type: 'køkkenm' });
    await waitUntil(() => queries.length === 1, 'no search', { timeout: 3000 });
    expect(queries, 'debounced: one request for the whole word').to.deep.equal(['køkkenm']);
    // Now a slow query, then a fast one before the slow one answers.
    await fill(el, 'occupationCode', 'kok');
    await waitUntil(() => queries.length === 2, 'no second search', { timeout: 3000 });
    await fill(el, 'occupationCode', 'køkken');
    await waitUntil(() => options(el).includes('Køkkenmedhjælper') && queries.length === 3, 'no third search', { timeout: 3000 });
    answerSlow();
    await waitUntil(() => slowAnswered, 'the slow answer was never sent');
    expect(options(el)).to.deep.equal(['Køkkenmedhjælper']);
    // A later search, asked after the slow answer left: once its answer shows, the slow one had its chance.
    await fill(el, 'occupationCode', 'køkkenc');
    await waitUntil(() => options(el).includes('Køkkenchef'), 'no fourth search', { timeout: 3000 });
    expect(options(el), 'the stale answer never replaced a later one').to.deep.equal(['Køkkenchef']);
  });

  it('R2.4.1: long-term disables and clears start date, duration, deadline and max candidates', async () => {
    const el = await createForm();
    await fill(el, 'durationDays', '20');
    await fill(el, 'responseDeadline', isoInDays(3));
    await fill(el, 'maxCandidates', '4');
    await toggle(el, 'f-longTerm');
    for (const path of ['startDate', 'durationDays', 'responseDeadline', 'maxCandidates']) {
      expect(field(el, path).disabled, path).to.equal(true);
      expect(field(el, path).value, path).to.equal('');
    }
    expect(root(el).getElementById('h-longTerm')!.textContent).to.contain('løbende behov');
    await toggle(el, 'f-longTerm');
    expect(field(el, 'startDate').disabled).to.equal(false);
    expect(field(el, 'startDate').value, 'start date back to today').to.equal(isoToday());
  });

  it('R2.4.6, R2.4.7: part time reveals whole hours; leaving part time hides and clears them', async () => {
    const el = await createForm();
    expect(field(el, 'weeklyHours')).to.equal(null);
    await toggle(el, 'f-workingTime-part_time');
    expect(labelOf(el, 'weeklyHours')).to.equal('Antal hele timer');
    await fill(el, 'weeklyHours', '25');
    await toggle(el, 'f-workingTime-full_time');
    expect(field(el, 'weeklyHours')).to.equal(null);
    await toggle(el, 'f-workingTime-part_time');
    expect(field(el, 'weeklyHours').value).to.equal('');
  });

  it('R2.5, R2.6: "Ryd felter" empties the workplace and the contact person for typing by hand; the drop-down fills them', async () => {
    const el = await createForm();
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Ryd felter for arbejdssted"]')!.click();
    await el.updateComplete;
    for (const path of ['name', 'street', 'floor', 'door', 'postalCode', 'city']) expect(field(el, `workplace.${path}`).value, path).to.equal('');
    expect(root(el).activeElement).to.equal(field(el, 'workplace.name'));
    await choose(el, 'contact.contactPersonId', '2');
    expect(field(el, 'contact.name').value).to.equal('Jonas Østergaard');
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Ryd felter for kontaktperson"]')!.click();
    await el.updateComplete;
    expect([field(el, 'contact.name').value, field(el, 'contact.email').value, field(el, 'contact.phone').value]).to.deep.equal(['', '', '']);
    expect(field<HTMLSelectElement>(el, 'contact.contactPersonId').value).to.equal('');
  });

  it('R2.1, R2.4, R7.3: checks before sending, shows each error next to its field, focuses the first, keeps what was typed (keyboard submit)', async () => {
    let posted = 0;
    worker.use(http.post(api('/v1/job-orders'), () => ((posted += 1), HttpResponse.json({}, { status: 500 }))));
    const el = await createForm();
    await fill(el, 'occupationCode', 'Kokk');
    await fill(el, 'positions', '0');
    await fill(el, 'startDate', isoInDays(-1));
    await fill(el, 'responseDeadline', isoToday());
    await fill(el, 'contact.email', 'mette@');
    await fill(el, 'workplace.postalCode', '16');
    button(el, 'Opret').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => errorOf(el, 'occupationCode'));
    expect(posted, 'nothing sent').to.equal(0);
    expect(errorOf(el, 'occupationCode')).to.equal('Vælg en titel på listen.');
    expect(errorOf(el, 'description')).to.equal('Beskriv opgaven, der skal udføres.');
    expect(errorOf(el, 'positions')).to.equal('Der skal være mindst 1 stilling.');
    expect(errorOf(el, 'startDate')).to.equal('Job startdato skal være dags dato eller en fremtidig dato.');
    expect(errorOf(el, 'responseDeadline')).to.equal('Jobcentrets svarfrist skal være en fremtidig dato.');
    expect(errorOf(el, 'contact.email')).to.equal('Skriv en gyldig e-mailadresse, fx navn@firma.dk.');
    expect(errorOf(el, 'workplace.postalCode')).to.equal('Postnummeret er 4 cifre.');
    const input = field(el, 'occupationCode');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('e-occupationCode');
    expect(root(el).activeElement, 'focus on the first error').to.equal(input);
    expect(root(el).querySelector('[part="error-summary"]')!.textContent).to.contain('Der er 7 fejl i formularen');
    expect([input.value, field(el, 'positions').value, field(el, 'contact.email').value]).to.deep.equal(['Kokk', '0', 'mette@']);
    await expectAccessible(el);
    // Typing in a field clears its error.
    await fill(el, 'positions', '2');
    expect(errorOf(el, 'positions')).to.equal(undefined);
  });

  it('R2: each text field stops at the length the API takes, and a number past its bound is refused before sending', async () => {
    let posted = 0;
    worker.use(http.post(api('/v1/job-orders'), () => ((posted += 1), HttpResponse.json({}, { status: 500 }))));
    const el = await createForm();
    // The job title is chosen from suggestions, not typed to its end; the note belongs to the edit form.
    const typed = Object.entries(orderTextLimits).filter(([path]) => path !== 'occupationCode' && path !== 'note');
    for (const [path, max] of typed) expect(field<HTMLInputElement | HTMLTextAreaElement>(el, path).maxLength, path).to.equal(max);
    await fill(el, 'positions', String(orderNumberLimits.positions.max + 1));
    await fill(el, 'durationDays', String(orderNumberLimits.durationDays.max));
    button(el, 'Opret').click();
    await waitUntil(() => errorOf(el, 'positions'));
    expect(posted, 'nothing sent').to.equal(0);
    expect(errorOf(el, 'positions')).to.equal('Værdien er for stor eller for lang.');
    expect(errorOf(el, 'durationDays'), 'the bound itself is allowed').to.equal(undefined);
  });

  it('R2.7, R2.8: "Opret" sends the order once, fires jobag-order-created and shows a printable receipt (kvittering)', async () => {
    const sent = acceptCreate();
    const el = await createForm('Menuplanlægning og indkøb');
    await pickOccupation(el, 'køk', 'Køkkenchef');
    await toggle(el, 'f-workingTime-part_time');
    await fill(el, 'weeklyHours', '20');
    await fill(el, 'workplace.floor', '2');
    await toggle(el, 'f-emailOnPlacement');
    const created = oneEvent(el, 'jobag-order-created');
    button(el, 'Opret').click();
    const event = await created;
    expect(event.detail.id).to.equal(42);
    expect(sent.bodies).to.have.length(1);
    expect(sent.keys[0]).to.match(/^[0-9a-f-]{32,36}$/);
    const body = sent.bodies[0]!;
    expect(body).to.deep.include({
      occupationCode: '512003',
      responsibleJobcenterId: '101',
      description: 'Menuplanlægning og indkøb',
      positions: 1,
      emailOnPlacement: false,
      longTerm: false,
      startDate: isoToday(),
      durationDays: null,
      workingTime: 'part_time',
      weeklyHours: 20,
      workingHoursCondition: 'normal',
      responseMethod: 'unspecified',
    });
    expect(body.workplace).to.deep.equal({ pNumber: '1003456781', name: 'Nordlys Køkken Vesterbro', street: 'Vesterbrogade 12', floor: '2', door: null, postalCode: '1620', city: 'København V' });
    expect(body.contact).to.deep.equal({ contactPersonId: 1, name: 'Mette Hansen', email: 'mette.hansen@nordlys.example', phone: '+45 20 30 40 50' });
    await el.updateComplete;
    const receipt = root(el).querySelector('[part="receipt"]')!;
    expect(receipt.querySelector('h2')!.textContent).to.equal('Kvittering');
    expect(root(el).activeElement).to.equal(receipt.querySelector('h2'));
    expect(receipt.textContent).to.contain('Jobordre 42 er oprettet');
    expect(receipt.querySelector('dd')!.textContent).to.equal('42');
    await expectAccessible(el);
    button(el, 'Udskriv kvittering').click();
    const frame = document.querySelector<HTMLIFrameElement>('iframe[data-jobag-print]')!;
    expect(frame.contentDocument!.body.textContent).to.contain('Kvittering').and.contain('Køkkenchef');
    expect(frame.contentDocument!.adoptedStyleSheets).to.have.length(1);
    el.remove();
    expect(document.querySelector('iframe[data-jobag-print]'), 'the print frame goes with the element').to.equal(null);
  });

  it('R2.7: a retry after a failed send reuses the Idempotency-Key, so no order is created twice', async () => {
    let attempts = 0;
    const keys: (string | null)[] = [];
    worker.use(
      http.post(api('/v1/job-orders'), ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        attempts += 1;
        return attempts === 1 ? HttpResponse.error() : HttpResponse.json(order(43), { status: 201 });
      }),
    );
    const el = await createForm('Opvask');
    await pickOccupation(el, 'køk', 'Køkkenmedhjælper');
    button(el, 'Opret').click();
    await waitUntil(() => root(el).querySelector('[part="form-error"]'));
    expect(root(el).querySelector('[part="form-error"]')!.textContent).to.contain('ingen forbindelse');
    expect(field<HTMLTextAreaElement>(el, 'description').value, 'nothing typed is lost').to.equal('Opvask');
    button(el, 'Opret').click();
    await waitUntil(() => root(el).querySelector('[part="receipt"]'));
    expect(keys[0]).to.be.a('string');
    expect(keys[1]).to.equal(keys[0]);
  });

  it('R7.3, R2.5: shows every field error of a 422 problem next to its field, in Danish, and falls back to the server\'s text', async () => {
    worker.use(
      http.post(api('/v1/job-orders'), () =>
        problem(422, 'validation', 'Some fields break a rule.', [
          { path: 'workplace.postalCode', code: 'unknown', message: 'There is no Danish postal code 9999.' },
          { path: 'startDate', code: 'past_date', message: 'The job start date must be today or a future date.' },
          { path: 'description', code: 'too_long_for_fax', message: 'The description is too long for the fax gateway.' },
          { path: '(body)', code: 'odd', message: 'Something about the whole body.' },
        ]),
      ),
    );
    const el = await createForm('Opvask');
    await pickOccupation(el, 'køk', 'Køkkenmedhjælper');
    await fill(el, 'workplace.postalCode', '9999');
    button(el, 'Opret').click();
    await waitUntil(() => errorOf(el, 'startDate'));
    expect(errorOf(el, 'startDate')).to.equal('Job startdato skal være dags dato eller en fremtidig dato.');
    expect(errorOf(el, 'workplace.postalCode')).to.equal('Postnummeret findes ikke.');
    expect(errorOf(el, 'description')).to.equal('The description is too long for the fax gateway.');
    expect(root(el).querySelector('[part="error-summary"]')!.textContent).to.contain('Something about the whole body.');
    expect(root(el).activeElement, 'first error in reading order').to.equal(field(el, 'description'));
    expect(field(el, 'workplace.postalCode').value).to.equal('9999');
    el.locale = 'en';
    await el.updateComplete;
    expect(errorOf(el, 'startDate')).to.equal('The job start date must be today or a future date.');
    await expectAccessible(el);
  });

  for (const [label, respond, message] of [
    ['400 without field errors', () => problem(400, 'malformed-json', 'The body is not valid JSON.'), 'The body is not valid JSON.'],
    ['401', () => problem(401, 'unauthorized', 'The token is not valid.'), 'Du er ikke logget ind'],
    ['500', () => problem(500, 'internal', 'Something went wrong on our side.'), 'Der opstod en fejl hos JobAG'],
  ] as const) {
    it(`tells the user about a ${label} on sending and keeps the form as typed`, async () => {
      worker.use(http.post(api('/v1/job-orders'), () => respond()));
      const el = await createForm('Opvask');
      await pickOccupation(el, 'køk', 'Køkkenmedhjælper');
      button(el, 'Opret').click();
      await waitUntil(() => root(el).querySelector('[part="form-error"]'));
      expect(root(el).querySelector('[part="form-error"]')!.textContent).to.contain(message);
      expect(field(el, 'occupationCode').value).to.equal('Køkkenmedhjælper');
      expect(field<HTMLTextAreaElement>(el, 'description').value).to.equal('Opvask');
    });
  }

  it('R2.7: "Fortryd" fires jobag-cancel and empties the form unless the host prevents it', async () => {
    const el = await createForm('Opvask');
    await fill(el, 'positions', '3');
    el.addEventListener('jobag-cancel', (event) => event.preventDefault(), { once: true });
    button(el, 'Fortryd').click();
    await el.updateComplete;
    expect(field(el, 'positions').value, 'prevented: kept').to.equal('3');
    const cancelled = oneEvent(el, 'jobag-cancel');
    button(el, 'Fortryd').click();
    expect((await cancelled).detail).to.deep.equal({ orderId: null });
    await el.updateComplete;
    expect(field(el, 'positions').value).to.equal('1');
  });

  it('R8.2, R8.3: passes axe (WCAG 2.1 A/AA) in Danish and in English', async () => {
    const el = await createForm();
    await expectAccessible(el);
    el.locale = 'en';
    await el.updateComplete;
    expect(root(el).querySelector('h2')!.textContent).to.equal('Create job order');
    expect(labelOf(el, 'occupationCode')).to.equal('Job title');
    expect(button(el, 'Create')).to.exist;
    await toggle(el, 'f-workingTime-part_time');
    await expectAccessible(el);
  });

  it('shows a load failure with "Prøv igen"', async () => {
    let fail = true;
    worker.use(http.get(api('/v1/me'), () => (fail ? HttpResponse.error() : undefined)));
    const el = await createForm();
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('ingen forbindelse');
    fail = false;
    button(el, 'Prøv igen').click();
    await waitUntil(() => root(el).querySelector('form'));
  });
});

describe('<jobag-order-form> editing (R7), with a mocked API', () => {
  async function editForm(id = 7, stored: Partial<JobOrder> = {}): Promise<JobagOrderForm> {
    worker.use(http.get(api('/v1/job-orders/:id'), () => HttpResponse.json(order(id, stored), { headers: { etag: '"3"' } })));
    const { getToken } = tokens();
    return ready(await fixture<JobagOrderForm>(html`<jobag-order-form base-url=${apiBase} .getToken=${getToken} order-id=${id}></jobag-order-form>`));
  }

  it('R7.1, R7.2, R7.4, R9: loads the order, keeps the jobcenter read-only, sends only what changed with If-Match and a note', async () => {
    const patches: { body: Record<string, unknown>; ifMatch: string | null }[] = [];
    worker.use(
      http.patch(api('/v1/job-orders/:id'), async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push({ body, ifMatch: request.headers.get('if-match') });
        return HttpResponse.json(order(7, { positions: 3, version: 4 }), { headers: { etag: '"4"' } });
      }),
    );
    // A start date already in the past is left alone when not touched (R7.3).
    const el = await editForm(7, { startDate: isoInDays(-10) });
    expect(root(el).querySelector('h2')!.textContent).to.equal('Rediger jobordre');
    const jobcenter = field(el, 'responsibleJobcenterId');
    expect(jobcenter.readOnly).to.equal(true);
    expect(jobcenter.value).to.equal('Jobcenter København');
    expect(field(el, 'occupationCode').value).to.equal('Køkkenmedhjælper');
    expect(field(el, 'weeklyHours').value).to.equal('25');
    expect(labelOf(el, 'note')).to.equal('Note til jobcentret');
    await fill(el, 'positions', '3');
    await fill(el, 'note', 'Vi mangler én mere.');
    const updated = oneEvent(el, 'jobag-order-updated');
    button(el, 'Opdater jobordre').click();
    expect((await updated).detail.positions).to.equal(3);
    expect(patches).to.deep.equal([{ body: { positions: 3, note: 'Vi mangler én mere.' }, ifMatch: '"3"' }]);
    await el.updateComplete;
    expect(root(el).querySelector('.notice')!.textContent).to.equal('Jobordren er opdateret.');
    expect(field<HTMLTextAreaElement>(el, 'note').value, 'the note was sent').to.equal('');
    await expectAccessible(el);
  });

  it('R7.3: a start date changed to the past is refused with the guide\'s message', async () => {
    const el = await editForm();
    await fill(el, 'startDate', isoInDays(-1));
    button(el, 'Opdater jobordre').click();
    await waitUntil(() => errorOf(el, 'startDate'));
    expect(errorOf(el, 'startDate')).to.equal('Job startdato skal være dags dato eller en fremtidig dato.');
  });

  it('R7: on a 412 the user is told the order changed meanwhile and can reload without losing the note', async () => {
    let version = 3;
    worker.use(
      http.get(api('/v1/job-orders/:id'), () => HttpResponse.json(order(7, { version, positions: version }), { headers: { etag: `"${version}"` } })),
      http.patch(api('/v1/job-orders/:id'), () => problem(412, 'stale-version', 'The job order was changed by someone else.')),
    );
    const { getToken } = tokens();
    const el = await ready(await fixture<JobagOrderForm>(html`<jobag-order-form base-url=${apiBase} .getToken=${getToken} order-id="7"></jobag-order-form>`));
    await fill(el, 'note', 'Husk sikkerhedssko.');
    button(el, 'Opdater jobordre').click();
    await waitUntil(() => root(el).querySelector('[part="conflict"]'));
    expect(root(el).querySelector('[part="conflict"]')!.textContent).to.contain('ændret af en anden');
    await expectAccessible(el);
    version = 5;
    button(el, 'Genindlæs jobordren').click();
    await waitUntil(() => root(el).querySelector('form') && field(el, 'positions').value === '5');
    expect(field<HTMLTextAreaElement>(el, 'note').value).to.equal('Husk sikkerhedssko.');
    expect(root(el).activeElement, 'focus back on the kept note').to.equal(field(el, 'note'));
    expect(root(el).querySelector('[part="conflict"]')).to.equal(null);
  });

  it('R7: an order that does not exist (404) says so', async () => {
    worker.use(http.get(api('/v1/job-orders/:id'), () => problem(404, 'not-found', 'Job order 99 was not found.')));
    const { getToken } = tokens();
    const el = await ready(await fixture<JobagOrderForm>(html`<jobag-order-form base-url=${apiBase} .getToken=${getToken} order-id="99"></jobag-order-form>`));
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('Jobordren kunne ikke hentes.').and.contain('Jobordren blev ikke fundet.');
  });

  it('R8.2, R8.3: the edit form passes axe in English', async () => {
    const el = await editForm();
    el.locale = 'en';
    await el.updateComplete;
    expect(root(el).querySelector('h2')!.textContent).to.equal('Edit job order');
    expect(button(el, 'Update job order')).to.exist;
    await expectAccessible(el);
  });
});
