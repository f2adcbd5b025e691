// The form against the real Hono app (mounted on this page's origin by the test server).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createJobagClient, etagOf } from '../../sdk/index.ts';
import '../../widget/index.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import { expectAccessible } from './support/a11y.ts';
import { button, errorOf, field, fill, listboxOpen, options, ready, root } from './support/form-driver.ts';
import { realBaseUrl, realToken } from './support/real-api.ts';

describe('<jobag-order-form> against the real API', () => {
  it('R2, R2.7, R2.8: creates an order by keyboard only and shows its receipt', async () => {
    const el = await ready(await fixture<JobagOrderForm>(html`<jobag-order-form base-url=${realBaseUrl} .getToken=${realToken(1)}></jobag-order-form>`));
    field(el, 'occupationCode').focus();
    await sendKeys({ type: 'køk' });
    await waitUntil(() => listboxOpen(el), 'no suggestions from the real API', { timeout: 5000 });
    // R2.1.1: "contains" matching, titles starting with the letters first.
    expect(options(el)).to.include.members(['Køkkenchef', 'Køkkenmedhjælper']);
    const index = options(el).indexOf('Køkkenmedhjælper');
    for (let i = 0; i <= index; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(field(el, 'occupationCode').value).to.equal('Køkkenmedhjælper');
    await sendKeys({ press: 'Tab' }); // responsible jobcenter (pre-selected)
    await sendKeys({ press: 'Tab' }); // description
    expect(root(el).activeElement).to.equal(field(el, 'description'));
    await sendKeys({ type: 'Opvask og klargøring, oprettet med tastaturet.' });
    await sendKeys({ press: 'Tab' }); // positions
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '2' });
    button(el, 'Opret').focus();
    const created = oneEvent(el, 'jobag-order-created');
    await sendKeys({ press: 'Enter' });
    const order = (await created).detail;
    expect(order.occupation.title).to.equal('Køkkenmedhjælper');
    expect(order.positions).to.equal(2);
    expect(order.responsibleJobcenter.name).to.equal('Jobcenter København');
    await el.updateComplete;
    expect(root(el).querySelector('[part="receipt"]')!.textContent).to.contain(`Jobordre ${order.id} er oprettet`);
    await expectAccessible(el);
  });

  it('R7, R7.3: edits an order; the server\'s own refusals land on their fields; a concurrent change is a 412', async () => {
    const token = realToken(1);
    const jobag = createJobagClient({ baseUrl: realBaseUrl, getToken: token });
    const el = await ready(await fixture<JobagOrderForm>(html`<jobag-order-form base-url=${realBaseUrl} .getToken=${token} order-id="1"></jobag-order-form>`));
    expect(field(el, 'responsibleJobcenterId').readOnly).to.equal(true);
    // A postal code the client accepts but the server does not know (R2.5).
    await fill(el, 'workplace.postalCode', '0001');
    button(el, 'Opdater jobordre').click();
    await waitUntil(() => errorOf(el, 'workplace.postalCode'), 'no server error', { timeout: 5000 });
    expect(errorOf(el, 'workplace.postalCode')).to.equal('Postnummeret findes ikke.');
    expect(root(el).activeElement).to.equal(field(el, 'workplace.postalCode'));
    await fill(el, 'workplace.postalCode', '1620');
    await fill(el, 'positions', '5');
    const updated = oneEvent(el, 'jobag-order-updated');
    button(el, 'Opdater jobordre').click();
    expect((await updated).detail.positions).to.equal(5);
    // Someone else edits the order meanwhile.
    const current = await jobag.GET('/v1/job-orders/{id}', { params: { path: { id: 1 } } });
    await jobag.PATCH('/v1/job-orders/{id}', { params: { path: { id: 1 }, header: { 'If-Match': etagOf(current.response)! } }, body: { positions: 6 } });
    await fill(el, 'note', 'Vi har brug for én mere.');
    await fill(el, 'positions', '7');
    button(el, 'Opdater jobordre').click();
    await waitUntil(() => root(el).querySelector('[part="conflict"]'), 'no 412', { timeout: 5000 });
    button(el, 'Genindlæs jobordren').click();
    await waitUntil(() => root(el).querySelector('form') && field(el, 'positions').value === '6');
    expect(field<HTMLTextAreaElement>(el, 'note').value).to.equal('Vi har brug for én mere.');
  });
});
