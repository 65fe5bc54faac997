import * as z from 'zod';

/** GET /.well-known/jwks.json: public halves only, so a private member such as `d` fails the strict object. */

export const publicJwk = z
  .strictObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().meta({ description: 'base64url' }),
    y: z.string().meta({ description: 'base64url' }),
    kid: z.string().meta({ description: 'Matches the `kid` header of the tokens this key signed' }),
    alg: z.literal('ES256'),
    use: z.literal('sig'),
  })
  .meta({ id: 'PublicJwk' });

export const jwksResponse = z
  .strictObject({ keys: z.array(publicJwk).meta({ description: 'Empty when tokens are signed with HS256 alone' }) })
  .meta({ id: 'JwkSet' });

export type JwksResponse = z.infer<typeof jwksResponse>;
