// The SDK's webhook verifier runs in a browser too (Web Crypto, no Node API): a receiver in a
// service worker or an edge function uses the same code as one in Node.
import { expect } from '@open-wc/testing';
import { signWebhook, verifyWebhook, WebhookVerificationError } from '../../sdk/index.ts';

// The Standard Webhooks specification's test vector.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = 1614265330;
const body = '{"test": 2432232314}';
const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

describe('verifyWebhook in a browser', () => {
  it('signs the specification\'s vector and verifies it from Fetch Headers and from bytes', async () => {
    expect(await signWebhook(secret, id, timestamp, body)).to.equal(signature);
    const headers = new Headers({ 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature });
    const now = new Date(timestamp * 1000);
    expect(await verifyWebhook(secret, headers, body, { now })).to.deep.equal({ test: 2432232314 });
    expect(await verifyWebhook(secret, headers, new TextEncoder().encode(body), { now })).to.deep.equal({ test: 2432232314 });
  });

  it('refuses a changed body and a stale timestamp', async () => {
    const headers = new Headers({ 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature });
    let error: unknown;
    try {
      await verifyWebhook(secret, headers, body.replace('2', '3'), { now: new Date(timestamp * 1000) });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(WebhookVerificationError);
    error = undefined;
    try {
      await verifyWebhook(secret, headers, body);
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).to.match(/too old/);
  });
});
