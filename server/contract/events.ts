import * as v from 'valibot';
import { idParameter } from './parameters.ts';

export const EventsQuerySchema = v.strictObject({
  orderId: v.optional(idParameter('orderId', 'Only this order\'s events; an order the caller may not see is a 404.')),
});

/** `Last-Event-ID`: the `id` of an event the stream sent, a journal id. */
export const lastEventIdPattern = /^\d{1,15}$/;
