// The example portal's script. A real portal does the same: set base-url and getToken on the
// provider, where getToken asks the portal's OWN backend for a widget token (that backend holds
// the API key and calls POST /v1/sessions; see server/demo/example-portal.ts).
const provider = document.querySelector('jobag-provider');
const list = document.querySelector('jobag-order-list');
const form = document.querySelector('jobag-order-form');
const formSection = document.getElementById('form-section');
const orderSection = document.getElementById('order-section');
const orderElements = orderSection.querySelectorAll('jobag-order-view, jobag-placement-log, jobag-candidates');
const quickStart = document.getElementById('quick-start-text');
const user = document.getElementById('user');
const locale = document.getElementById('locale');

/** The portal's own words; the widgets bring theirs. */
const texts = {
  da: {
    portalName: 'Virksomhedsportal', example: 'eksempel', signedInAs: 'Logget ind som', language: 'Sprog', title: 'Jobordrer', quickStart: 'Rekrutteringsservice',
    quickStartLabel: 'Beskriv opgaven, der skal udføres', createOrder: 'Opret jobordre', listHeading: 'Virksomhedens jobordrer',
    backToList: 'Tilbage til jobordrer', deskLink: 'Jobcentrets side (åbn ved siden af)',
    reactLink: 'Samme portal i React 19', secondOriginLink: 'En portal på et andet origin', examplesNav: 'Eksempler',
    formSection: 'Jobordre', documentTitle: 'Jobordrer – Virksomhedsportal (eksempel)',
    tryHeading: 'Prøv det',
    tryOutcome: 'Åbn Køkkenmedhjælper i listen, og klik på en kandidats navn: registrér udfaldet, fx Ansat med en startdato.',
    tryDesk: 'Åbn Jobcentrets side ved siden af: udfaldet og Jobcentrets resultater opdateres med det samme.',
    tryClose: 'Vælg status Lukket med en lukkeårsag, fx Behovet er bortfaldet: formidlingsloggen viser årsagen på begge sider.',
    tryCopy: 'Klik Kopiér jobordre: formularen åbner udfyldt, og kopien får sit eget id og en log, der siger, hvad den er kopi af.',
  },
  en: {
    portalName: 'Company portal', example: 'example', signedInAs: 'Signed in as', language: 'Language', title: 'Job orders', quickStart: 'Recruitment service',
    quickStartLabel: 'Describe the task to be done', createOrder: 'Create job order', listHeading: "The company's job orders",
    backToList: 'Back to job orders', deskLink: "The jobcenter's side (open it beside this one)",
    reactLink: 'The same portal in React 19', secondOriginLink: 'A portal on another origin', examplesNav: 'Examples',
    formSection: 'Job order', documentTitle: 'Job orders – Company portal (example)',
    tryHeading: 'Try it',
    tryOutcome: "Open Køkkenmedhjælper in the list and click a candidate's name: record the outcome, e.g. Hired with a start date.",
    tryDesk: "Open the jobcenter's side beside this one: the outcome and the jobcenter's results update at once.",
    tryClose: 'Choose the status Closed with a reason, e.g. No longer needed: the placement log shows the reason on both sides.',
    tryCopy: 'Click Copy job order: the form opens filled in, and the copy gets its own id and a log saying what it copies.',
  },
};

async function fetchToken(contactPersonId) {
  const response = await fetch('/examples/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contactPersonId }),
  });
  if (!response.ok) throw new Error(`The portal could not get a JobAG token (${response.status}).`);
  return response.text();
}

/**
 * What the portal's server put in the page for its signed-in person (the page is never cached):
 * the element, taken out of the page so it is read once, when it is for `contactPersonId`.
 */
function inPageFor(selector, contactPersonId) {
  const element = document.querySelector(selector);
  element?.remove();
  return element && Number(element.dataset.contactPersonId) === contactPersonId ? element : undefined;
}

/** The widget token in the page (`<meta name="jobag-token">`). */
const tokenInPage = (contactPersonId) => inPageFor('meta[name="jobag-token"]', contactPersonId)?.content || undefined;

/**
 * A getter per signed-in person: a new getter makes the provider start over with a fresh token.
 * The first one is the token in the page, so the elements' first requests leave as soon as their
 * code is there (first rows sooner); without one it is fetched at once, while the code is still
 * loading. A refresh (the token expired) always asks the portal's backend.
 */
function tokenGetterFor(contactPersonId, early) {
  const inPage = early ? tokenInPage(contactPersonId) : undefined;
  let first = inPage ? Promise.resolve(inPage) : early ? fetchToken(contactPersonId) : undefined;
  first?.catch(() => undefined);
  return async (options) => {
    const token = first && !options?.refresh ? first : fetchToken(contactPersonId);
    first = undefined;
    return token;
  };
}

/** The list's first page in the page (`{ query, page }`): the list shows it until its own answer arrives. */
function firstOrdersInPage(contactPersonId) {
  const script = inPageFor('#jobag-first-orders', contactPersonId);
  try {
    return script ? JSON.parse(script.textContent) : undefined;
  } catch {
    return undefined;
  }
}

function applyLocale(value) {
  const words = texts[value] ?? texts.da;
  document.documentElement.lang = value;
  document.title = words.documentTitle;
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = words[element.dataset.text];
  formSection.setAttribute('aria-label', words.formSection);
  for (const element of document.querySelectorAll('[data-label]')) element.setAttribute('aria-label', words[element.dataset.label]);
  orderSection.setAttribute('aria-label', words.formSection);
  provider.locale = value;
}

function showForm(orderId) {
  form.orderId = orderId ?? null;
  formSection.hidden = false;
  formSection.scrollIntoView({ block: 'start' });
  formSection.focus();
}

/** R4: the order opens in the page: view (status with a note), formidlingslog and candidates. */
function showOrder(orderId) {
  formSection.hidden = true;
  for (const element of orderElements) element.orderId = orderId;
  orderSection.hidden = false;
  orderSection.scrollIntoView({ block: 'start' });
  orderSection.focus();
}

/** Back to the list, on the row of the order shown (the one opened, or its copy), where the user left it. */
function hideOrder() {
  orderSection.hidden = true;
  if (!list.focusOrder(orderElements[0].orderId)) document.getElementById('start-order').focus();
}

function hideForm() {
  formSection.hidden = true;
  document.getElementById('start-order').focus();
}

provider.baseUrl = location.origin;
provider.getToken = tokenGetterFor(Number(user.value), true);
list.firstPage = firstOrdersInPage(Number(user.value));
applyLocale(locale.value);

user.addEventListener('change', () => {
  formSection.hidden = true;
  orderSection.hidden = true;
  provider.getToken = tokenGetterFor(Number(user.value));
});
locale.addEventListener('change', () => applyLocale(locale.value));

// R2.2: the quick-start text is carried into the new order's task description.
document.getElementById('start-order').addEventListener('click', async () => {
  // The loader defines each element when it appears; a method needs its element defined.
  await customElements.whenDefined('jobag-order-form');
  form.reset();
  form.description = quickStart.value;
  orderSection.hidden = true;
  showForm(null);
});

// R3.4: the list says which order was opened; the portal decides where (here: the order view, R4).
list.addEventListener('jobag-order-open', (event) => showOrder(event.detail.id));
document.getElementById('back-to-list').addEventListener('click', hideOrder);
form.addEventListener('jobag-order-created', () => {
  quickStart.value = '';
});
form.addEventListener('jobag-cancel', hideForm);

// Kopiér jobordre: the view creates the copy in place and shows it; the log and the
// candidates follow it. Outcomes are recorded in <jobag-candidates> (open a candidate).
orderSection.addEventListener('jobag-order-created', (event) => {
  for (const element of orderElements) element.orderId = event.detail.id;
});
