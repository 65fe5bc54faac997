import * as z from 'zod';

/** GET /health and GET /health/ready: the answers (a 503 is the error catalogue's STORE_UNAVAILABLE). */

export const healthResponse = z.strictObject({ status: z.literal('ok') }).meta({ id: 'HealthResponse' });

export const readyResponse = z
  .strictObject({ status: z.literal('ready'), store: z.literal('ok').meta({ description: 'The store answered one read' }) })
  .meta({ id: 'ReadyResponse' });

export type HealthResponse = z.infer<typeof healthResponse>;
export type ReadyResponse = z.infer<typeof readyResponse>;
