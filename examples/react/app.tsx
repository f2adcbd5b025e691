// The employer portal as a React 19 app, with the JobAG elements as React components from
// `jobag-orders/react` (here its source, widget/react.ts; test/package-consumers.test.ts runs the
// same through the published package): each component defines its element before React renders
// it, sets props as properties and takes typed `on<EventName>` handlers, so a wrong prop or a
// handler of the wrong event does not compile.
// Built by `npm run build` (scripts/build-react-example.mjs) to examples/react/dist/app.js; served in
// demo mode at /examples/react.html.
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { JobagOrderPage, JobagProvider, type Locale, type OrderCreatedEvent, type RouteChangeEvent, type TokenGetter } from '../../widget/react.ts';

/** The portal's own words; the elements bring theirs. */
const texts = {
  da: {
    example: 'eksempel', signedInAs: 'Logget ind som', language: 'Sprog', title: 'Jobordrer', plainPortal: 'Samme portal uden React',
    documentTitle: 'React-portal (eksempel)', created: (id: number) => `Jobordre ${id} er oprettet.`,
    screens: { list: 'Jobordrer', view: (id: number) => `Jobordre ${id}`, edit: (id: number) => `Rediger jobordre ${id}`, new: 'Opret jobordre' },
  },
  en: {
    example: 'example', signedInAs: 'Signed in as', language: 'Language', title: 'Job orders', plainPortal: 'The same portal without React',
    documentTitle: 'React portal (example)', created: (id: number) => `Job order ${id} was created.`,
    screens: { list: 'Job orders', view: (id: number) => `Job order ${id}`, edit: (id: number) => `Edit job order ${id}`, new: 'Create job order' },
  },
} as const;

const people = [
  { id: 1, name: 'Mette Hansen – Nordlys Køkken ApS' },
  { id: 2, name: 'Jonas Østergaard – Nordlys Køkken ApS' },
  { id: 3, name: 'Søren Ågesen – Havnens Lager A/S' },
];

/** Asks the portal's own backend for a widget token (it holds the API key; see server/demo/example-portal.ts). */
function tokenGetterFor(contactPersonId: number): TokenGetter {
  return async () => {
    const response = await fetch('/examples/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contactPersonId }),
    });
    if (!response.ok) throw new Error(`The portal could not get a JobAG token (${response.status}).`);
    return response.text();
  };
}

function Portal() {
  const [user, setUser] = useState(1);
  const [locale, setLocale] = useState<Locale>('da');
  const [notice, setNotice] = useState('');
  const [screen, setScreen] = useState<RouteChangeEvent['detail']>({ screen: 'list', orderId: null });
  // One getter per signed-in person: a new getter makes the provider start over with a fresh token.
  const getToken = useMemo(() => tokenGetterFor(user), [user]);
  const words = texts[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
    const s = words.screens;
    const name = screen.screen === 'view' ? s.view(screen.orderId!) : screen.screen === 'edit' ? s.edit(screen.orderId!) : s[screen.screen];
    // The element leaves the document title to its host.
    document.title = `${name} – ${words.documentTitle}`;
  }, [locale, screen, words]);

  return (
    <>
      <header className="portal-header">
        <p className="brand">
          Virksomhedsportal <span className="tag">{words.example}</span> React 19
        </p>
        <p>
          <a href="/examples/">{words.plainPortal}</a>
        </p>
        <div className="settings">
          <div>
            <label htmlFor="user">{words.signedInAs}</label>
            <select id="user" value={user} onChange={(event) => setUser(Number(event.target.value))}>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="locale">{words.language}</label>
            <select id="locale" value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
              <option value="da" lang="da">Dansk</option>
              <option value="en" lang="en">English</option>
            </select>
          </div>
        </div>
      </header>
      <main>
        <h1>{words.title}</h1>
        <p role="status" className={notice ? 'notice' : undefined}>{notice}</p>
        <section className="card">
          <JobagProvider baseUrl={location.origin} getToken={getToken} locale={locale}>
            <JobagOrderPage
              routing="hash"
              onJobagRouteChange={(event) => setScreen(event.detail)}
              onJobagOrderCreated={(event: OrderCreatedEvent) => setNotice(words.created(event.detail.id))}
            />
          </JobagProvider>
        </section>
      </main>
    </>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <Portal />
  </StrictMode>,
);
