import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '../src/openapi/document';
import { CLIENT_TYPES_FILE, clientTypesSource } from './client-types';

// The document exactly as GET /openapi.json serves it (`res.json`): serialised, then parsed.
const served: unknown = JSON.parse(JSON.stringify(openApiDocument()));
await writeFile(CLIENT_TYPES_FILE, await clientTypesSource(served));
console.log(`wrote ${CLIENT_TYPES_FILE}`);
