// Reads and drives a <jobag-order-form> through its shadow root, as a user would.
import { waitUntil } from '@open-wc/testing';
import type { JobagOrderForm } from '../../../widget/order-form.ts';

export const root = (el: JobagOrderForm) => el.shadowRoot!;
export const field = <T extends HTMLElement = HTMLInputElement>(el: JobagOrderForm, path: string) => root(el).getElementById(`f-${path}`) as T;
export const errorOf = (el: JobagOrderForm, path: string) => root(el).getElementById(`e-${path}`)?.textContent?.trim();
export const labelOf = (el: JobagOrderForm, path: string) => root(el).querySelector(`label[for="f-${path}"]`)!.textContent!.replace(/\s*\*\s*$/, '').trim();
export const button = (el: JobagOrderForm, name: string) =>
  [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === name) as HTMLButtonElement;

export async function ready(el: JobagOrderForm): Promise<JobagOrderForm> {
  await waitUntil(() => root(el).querySelector('form') || root(el).querySelector('[role="alert"]'), 'the form never loaded', { timeout: 5000 });
  return el;
}

/** Sets a control's value and fires what a user's typing fires. */
export async function fill(el: JobagOrderForm, path: string, value: string): Promise<void> {
  const control = field<HTMLInputElement | HTMLTextAreaElement>(el, path);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export async function choose(el: JobagOrderForm, path: string, value: string): Promise<void> {
  const select = field<HTMLSelectElement>(el, path);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

export async function toggle(el: JobagOrderForm, id: string): Promise<void> {
  root(el).getElementById(id)!.click();
  await el.updateComplete;
}

export const options = (el: JobagOrderForm) => [...root(el).querySelectorAll('[role="option"]')].map((o) => o.textContent!.trim());
export const listboxOpen = (el: JobagOrderForm) => field(el, 'occupationCode').getAttribute('aria-expanded') === 'true';

/** Types a job title and picks the suggestion with this title (mouse). */
export async function pickOccupation(el: JobagOrderForm, query: string, title: string): Promise<void> {
  await fill(el, 'occupationCode', query);
  await waitUntil(() => options(el).includes(title), `no suggestion ${title}`, { timeout: 3000 });
  const option = [...root(el).querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent!.trim() === title)!;
  option.click();
  await el.updateComplete;
}
