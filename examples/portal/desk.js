// The jobcenter desk page's script. A caseworker system does the same: its backend holds the
// jobcenter's API key and mints a token for the signed-in caseworker (POST /v1/sessions with
// {caseworker: {name}}; see POST /examples/caseworker-token in server/demo/example-portal.ts).
const provider = document.querySelector('jobag-provider');
const caseworker = document.getElementById('caseworker');
const locale = document.getElementById('locale');

const texts = {
  da: {
    example: 'eksempel', signedInAs: 'Logget ind som', language: 'Sprog', title: 'Jobordrer',
    portalLink: 'Virksomhedsportalen (åbn ved siden af)', documentTitle: 'Jobordrer – Jobcentrets skrivebord (eksempel)',
    tryHeading: 'Prøv det',
    tryPlace: 'Åbn en jobordre, som Jobcenter København er ansvarlig for, og formidl en kandidat: virksomhedsportalen viser kandidaten med det samme.',
    tryOutcome: 'Når virksomheden registrerer et udfald, står det ved dine kandidater, og Jobcentrets resultater (over listen) opdateres.',
    tryLog: 'Lukker virksomheden jobordren, viser formidlingsloggen lukkeårsagen.',
  },
  en: {
    example: 'example', signedInAs: 'Signed in as', language: 'Language', title: 'Job orders',
    portalLink: 'The company portal (open it beside this one)', documentTitle: "Job orders – The jobcenter's desk (example)",
    tryHeading: 'Try it',
    tryPlace: 'Open a job order Jobcenter København is responsible for and place a candidate: the company portal shows the candidate at once.',
    tryOutcome: "When the company records an outcome, it shows beside your candidates, and the jobcenter's results (above the list) update.",
    tryLog: 'When the company closes the order, the placement log shows the reason.',
  },
};

/** A getter per caseworker: a new getter makes the provider start over with a fresh token. */
function tokenGetterFor(name) {
  return async () => {
    const response = await fetch('/examples/caseworker-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    if (!response.ok) throw new Error(`The desk could not get a JobAG token (${response.status}).`);
    return response.text();
  };
}

function applyLocale(value) {
  const words = texts[value] ?? texts.da;
  document.documentElement.lang = value;
  document.title = words.documentTitle;
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = words[element.dataset.text];
  provider.locale = value;
}

provider.baseUrl = location.origin;
provider.getToken = tokenGetterFor(caseworker.value);
applyLocale(locale.value);

caseworker.addEventListener('change', () => {
  provider.getToken = tokenGetterFor(caseworker.value);
});
locale.addEventListener('change', () => applyLocale(locale.value));
