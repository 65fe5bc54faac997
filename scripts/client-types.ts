import openapiTS, { astToString } from 'openapi-typescript';

/** Where the client's generated types live, relative to the repository root. */
export const CLIENT_TYPES_FILE = 'client/src/openapi.ts';

const HEADER = `// Generated from the service's OpenAPI document (GET /openapi.json) by \`npm run client:types\`.
// Do not edit: test/client-types.test.ts fails when this file and the served document disagree.

`;

/** The TypeScript source of the client's types for an OpenAPI document, as served (parsed JSON). */
export async function clientTypesSource(document: unknown): Promise<string> {
  // openapi-typescript takes the parsed document; the cast is only to its input type.
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return HEADER + astToString(ast);
}
