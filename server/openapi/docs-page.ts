import { html } from 'hono/html';

interface OperationDoc { operationId: string; summary: string; description?: string; tags: string[]; parameters?: { name: string; in: string; description: string; required?: boolean }[]; requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, { description: string; content?: Record<string, { schema: { $ref: string } }> }> }

/**
 * A readable API reference rendered on the server from the same document as /openapi.yaml:
 * no script and no third-party assets, so it works offline and under a strict CSP.
 */
export function docsPage(document: Record<string, unknown>): string {
  const doc = document as { info: { title: string; description: string }; paths: Record<string, Record<string, OperationDoc>>; components: { schemas: Record<string, unknown> } };
  const refName = (ref: string) => ref.split('/').at(-1) ?? ref;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const body = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${doc.info.title}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
code,pre{font-family:ui-monospace,monospace;background:#f3f4f6;border-radius:4px;padding:.1em .3em}
pre{padding:1rem;overflow:auto}.m{display:inline-block;min-width:4.5em;font-weight:700;text-transform:uppercase}
section{border-top:1px solid #ddd;padding:.5rem 0}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
</style></head>
<body>
<h1>${doc.info.title}</h1>
<p>${doc.info.description}</p>
<p>The machine-readable contract: <a href="/openapi.yaml">/openapi.yaml</a> (OpenAPI 3.1).</p>
<h2>Operations</h2>
<ul>${operations.map(({ path, method, op }) => html`<li><a href="#${op.operationId}"><span class="m">${method}</span> <code>${path}</code></a> — ${op.summary}</li>`)}</ul>
${operations.map(
  ({ path, method, op }) => html`<section id="${op.operationId}">
<h3><span class="m">${method}</span> <code>${path}</code></h3>
<p><strong>${op.summary}.</strong> ${op.description ?? ''}</p>
${op.parameters?.length ? html`<table><tr><th>Parameter</th><th>In</th><th>Description</th></tr>${op.parameters.map((p) => html`<tr><td><code>${p.name}</code>${p.required ? ' *' : ''}</td><td>${p.in}</td><td>${p.description}</td></tr>`)}</table>` : ''}
${op.requestBody ? html`<p>Body: <a href="#schema-${refName(Object.values(op.requestBody.content)[0]?.schema.$ref ?? '')}"><code>${refName(Object.values(op.requestBody.content)[0]?.schema.$ref ?? '')}</code></a></p>` : ''}
<ul>${Object.entries(op.responses).map(([status, r]) => html`<li><code>${status}</code> ${r.description}${r.content ? html` — <code>${refName(Object.values(r.content)[0]?.schema.$ref ?? '')}</code>` : ''}</li>`)}</ul>
</section>`,
)}
<h2>Schemas</h2>
${Object.entries(doc.components.schemas).map(([name, schema]) => html`<section id="schema-${name}"><h3>${name}</h3><pre>${JSON.stringify(schema, null, 2)}</pre></section>`)}
</body></html>`;
  return String(body);
}
