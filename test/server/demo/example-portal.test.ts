import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstOrders } from '../../../server/demo/example-portal.ts';

describe('the example portal page: the list\'s first page in the page', () => {
  it('asks the API as the token\'s person, and nothing in an order can end its script element', async () => {
    const asked: Request[] = [];
    const api = (request: Request) => {
      asked.push(request);
      return Response.json({ items: [{ id: 7, occupation: { title: '</script><script>alert(1)</script>' } }], nextCursor: null });
    };
    const html = await firstOrders(api, 'the-token', { 'data-contact-person-id': '1' });
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.headers.get('authorization'), 'Bearer the-token');
    assert.equal(new URL(asked[0]!.url).search, '?sort=id&order=desc&limit=25');
    const match = /^<script type="application\/json" id="jobag-first-orders" data-contact-person-id="1">([^<]*)<\/script>$/.exec(html);
    assert.ok(match, html);
    const first = JSON.parse(match[1]!) as { query: unknown; page: { items: { occupation: { title: string } }[] } };
    assert.deepEqual(first.query, { sort: 'id', order: 'desc', limit: 25 });
    assert.equal(first.page.items[0]!.occupation.title, '</script><script>alert(1)</script>');
  });

  it('leaves it out when the API refuses', async () => {
    const api = () => Response.json({ type: '/problems/unauthorized', title: 'Unauthorized', status: 401 }, { status: 401 });
    assert.equal(await firstOrders(api, 'expired'), '');
  });
});
