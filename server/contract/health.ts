import * as v from 'valibot';

/** `GET /healthz`: the server answers and so does its database. */
export const HealthSchema = v.strictObject({ status: v.literal('ok'), database: v.literal('ok') });
