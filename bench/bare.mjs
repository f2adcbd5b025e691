// The ceiling the bench divides by: a bare Hono route returning fixed JSON on @hono/node-server,
// in its own process like the real server. Prints its port once listening.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.json({ status: 'ok', id: 1, title: 'Køkkenmedhjælper' }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));
