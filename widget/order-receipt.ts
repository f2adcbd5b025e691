// The receipt (kvittering) the order form shows after creating an order (R2.7), and its printing.
// Plain functions rendered into the form's own shadow root: its heading takes focus there, and the
// tests and hosts reach it through the form as `[part="receipt"]`.
import { html, type TemplateResult } from 'lit';
import type { JobOrder } from '../sdk/index.ts';
import { renderOrderDetails } from './order-details.ts';
import type { Strings } from './strings.ts';

/** The receipt as printed on its own (R2.7), in the frame "Udskriv kvittering" prints from. */
const receiptPrintCss = `
  body { font: 11pt/1.45 system-ui, sans-serif; color: #000; margin: 1.5cm; }
  h2 { font-size: 16pt; margin: 0 0 0.5cm; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4pt 16pt; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; white-space: pre-line; }
  .actions { display: none; }
`;

/** The created order's details (the view's renderer), with buttons to print it and to start another. */
export function renderReceipt(order: JobOrder, s: Strings, actions: { print: () => void; newOrder: () => void }): TemplateResult {
  const f = s.form;
  return html`
    <section class="receipt" part="receipt" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading" tabindex="-1">${f.receipt}</h2>
      <p>${f.receiptIntro(order.id)}</p>
      ${renderOrderDetails(order, s)}
      <div class="actions" part="actions">
        <button type="button" class="primary" part="print" @click=${actions.print}>${f.print}</button>
        <button type="button" @click=${actions.newOrder}>${f.newOrder}</button>
      </div>
    </section>
  `;
}

/**
 * A hidden frame to print from, appended to the page. The caller keeps it and removes it when
 * done (on the next print, or when the element leaves the page).
 */
export function appendPrintFrame(): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.setAttribute('data-jobag-print', '');
  frame.tabIndex = -1;
  Object.assign(frame.style, { position: 'fixed', width: '0', height: '0', border: '0', insetInlineStart: '-9999px' });
  document.body.append(frame);
  return frame;
}

/**
 * Prints only the receipt (R2.7): the frame holds a copy of it with a print stylesheet, so
 * neither the form nor the host page is printed and no style reaches the host document.
 */
export function printReceipt(frame: HTMLIFrameElement, receipt: Element, lang: string, title: string): void {
  const win = frame.contentWindow;
  const doc = frame.contentDocument;
  if (!win || !doc) return window.print();
  doc.documentElement.lang = lang;
  doc.title = title;
  // A sheet made in the frame's own realm: a document only adopts sheets of its own window.
  const sheet = new (win as unknown as typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(receiptPrintCss);
  doc.adoptedStyleSheets = [sheet];
  doc.body.append(doc.importNode(receipt, true));
  win.print();
}
