import * as z from 'zod';

/** GET /openapi.json: the document itself (its full shape is the OpenAPI 3.1 schema's job). */
export const openApiDocumentResponse = z
  .looseObject({ openapi: z.string().startsWith('3.1.'), info: z.looseObject({}), paths: z.looseObject({}) })
  .meta({ id: 'OpenApiDocument' });

/** GET /page-config.json: what the hosted pages need to know that only the configuration says. */
export const pageConfigResponse = z
  .strictObject({
    name: z.string().meta({ description: 'The app name (BRAND_NAME)' }),
    logoUrl: z.string().nullable().meta({ description: 'The logo to show beside the name (BRAND_LOGO_URL), or null' }),
    redirectOrigins: z.array(z.string()).meta({
      description:
        'Origins that `?redirect_to=` may send the browser back to after sign-in (ALLOWED_ORIGINS), besides the service itself',
    }),
  })
  .meta({ id: 'PageConfig' });

export type PageConfigResponse = z.infer<typeof pageConfigResponse>;
