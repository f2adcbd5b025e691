// The second origin's own script: the API is elsewhere (its origin in the page's meta tag); tokens
// come from this origin's backend, which holds the API key (server/demo/second-origin.ts).
const provider = document.querySelector('jobag-provider');
const user = document.getElementById('user');
const apiOrigin = document.querySelector('meta[name="jobag-api-origin"]').content;

function tokenGetterFor(contactPersonId) {
  return async () => {
    const response = await fetch('/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contactPersonId }),
    });
    if (!response.ok) throw new Error(`This portal could not get a JobAG token (${response.status}).`);
    return response.text();
  };
}

provider.baseUrl = apiOrigin;
provider.getToken = tokenGetterFor(Number(user.value));
user.addEventListener('change', () => {
  provider.getToken = tokenGetterFor(Number(user.value));
});
