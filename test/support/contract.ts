import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { errorCodesOf } from '../../src/contract/errors';
import { isApiRoute } from '../../src/contract/routes';
import { UNKNOWN_PATHS, WRONG_METHODS } from '../../src/errors';
import { openApiDocument } from '../../src/openapi/document';

/**
 * Checks a response the tests received against the OpenAPI document: the route and status must be
 * documented, the media type must be one the document lists, a JSON body must match its schema, and
 * documented headers must be present (when required) and match theirs. A path the document does not
 * know may only answer the app's documented 404. An error's `code` must also be one the error catalogue
 * (src/errors.ts) lists for that route and status: the document's shared error bodies list every
 * code of a status, the catalogue says which of them each route can answer.
 */

export interface ReceivedResponse {
  method: string;
  /** The request path; a query string is ignored. */
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text ('' when none). */
  text: string;
}

interface JsonSchemaObject {
  [keyword: string]: unknown;
}

interface MediaTypeObject {
  schema?: JsonSchemaObject;
}

interface HeaderObject {
  required?: boolean;
  schema?: JsonSchemaObject;
}

interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
  headers?: Record<string, HeaderObject>;
}

interface OperationObject {
  responses?: Record<string, ResponseObject>;
}

interface Route {
  template: string;
  pattern: RegExp;
  operations: Record<string, OperationObject>;
}

const DOCUMENT_ID = 'openapi.json';
const COMPONENT_PREFIX = '#/components/schemas/';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `#/components/schemas/X` becomes `openapi.json#/$defs/X`, where the components are registered. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_PREFIX)
        ? `${DOCUMENT_ID}#/$defs/${value.slice(COMPONENT_PREFIX.length)}`
        : rebase(value),
    ]),
  );
}

function routePattern(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

class ContractChecker {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly routes: Route[];
  private readonly validators = new Map<JsonSchemaObject, ValidateFunction>();
  private readonly notFound: ResponseObject;
  /** The 405 of a wrong method, which no operation lists: the shared body the document's description names. */
  private readonly methodNotAllowed: ResponseObject = {
    content: { 'application/json': { schema: { $ref: `${COMPONENT_PREFIX}MethodNotAllowedError` } } },
  };

  constructor() {
    const document = openApiDocument() as unknown as {
      paths: Record<string, Record<string, unknown>>;
      components?: { schemas?: Record<string, unknown> };
    };
    addFormats.default(this.ajv);
    // OpenAPI's own annotation keywords, which JSON Schema validators do not know.
    this.ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
    this.ajv.addSchema({ $id: DOCUMENT_ID, $defs: rebase(document.components?.schemas ?? {}) });
    // Literal path segments must win over templates (/docs/ before /docs/{file}).
    this.routes = Object.entries(document.paths)
      .map(([template, item]) => ({
        template,
        pattern: routePattern(template),
        operations: Object.fromEntries(Object.entries(item).filter(([method]) => HTTP_METHODS.includes(method))) as Record<
          string,
          OperationObject
        >,
      }))
      .sort((a, b) => Number(a.template.includes('{')) - Number(b.template.includes('{')));
    const notFoundResponse = this.routes.find((route) => route.template === '/assets/{file}')?.operations.get?.responses?.['404'];
    if (notFoundResponse === undefined) throw new Error('The document has no 404 response to check unknown paths against');
    this.notFound = notFoundResponse;
    if (document.components?.schemas?.MethodNotAllowedError === undefined) {
      throw new Error('The document has no MethodNotAllowedError schema to check wrong methods against');
    }
  }

  /** Problems with the response, empty when it matches the document. */
  check(received: ReceivedResponse): string[] {
    const method = received.method.toLowerCase();
    const path = received.path.split('?')[0] ?? '';
    const where = `${received.method.toUpperCase()} ${path} → ${received.status}`;
    // Several templates can match one path (/passkeys/register and /passkeys/{id}): the first that has the method serves it.
    const matching = this.routes.filter((candidate) => candidate.pattern.test(path));
    const operationOf = (candidate: Route) =>
      candidate.operations[method] ?? (method === 'head' ? candidate.operations.get : undefined);
    const route = matching.find((candidate) => operationOf(candidate) !== undefined);
    const operation = route === undefined ? undefined : operationOf(route);

    if (route === undefined || operation === undefined) {
      if (matching.length > 0) return this.checkOutsideOperations(where, matching, received, method);
      // Unknown routes answer the app's generic 404 (and nothing else).
      if (received.status !== 404) return [`${where}: the route is not in the OpenAPI document`];
      return [
        ...this.checkResponse(where, this.notFound, received, method),
        ...catalogueProblems(where, UNKNOWN_PATHS, received),
      ].map((problem) => `${problem} (route not in the document)`);
    }
    const documented = operation.responses?.[String(received.status)] ?? operation.responses?.default;
    if (documented === undefined) {
      return [`${where}: status ${received.status} is not documented for ${method.toUpperCase()} ${route.template}`];
    }
    const routeId = `${(method === 'head' ? 'get' : method).toUpperCase()} ${route.template}`;
    if (!isApiRoute(routeId)) return [`${where}: ${routeId} is documented but not in src/contract/routes.ts`];
    return [...this.checkResponse(where, documented, received, method), ...catalogueProblems(where, routeId, received)];
  }

  /**
   * A known path asked with a method it has no operation for, as the document's description says:
   * OPTIONS answers 204 with no body, any other method 405 with the shared METHOD_NOT_ALLOWED body;
   * both carry `Allow`, the methods the document lists for the path (GET with HEAD, and OPTIONS).
   */
  private checkOutsideOperations(
    where: string,
    matching: readonly Route[],
    received: ReceivedResponse,
    method: string,
  ): string[] {
    const methods = new Set(['OPTIONS']);
    for (const route of matching) {
      for (const name of Object.keys(route.operations)) {
        methods.add(name.toUpperCase());
        if (name === 'get') methods.add('HEAD');
      }
    }
    const expectedAllow = [...methods].sort().join(', ');
    const allow = received.headers.allow;
    const problems =
      allow === expectedAllow ? [] : [`${where}: Allow is ${JSON.stringify(allow)}, the document says ${expectedAllow}`];
    if (method === 'options') {
      if (received.status !== 204) problems.push(`${where}: OPTIONS must answer 204`);
      if (received.text.length > 0) problems.push(`${where}: OPTIONS must answer no body`);
      return problems;
    }
    if (received.status !== 405) return [...problems, `${where}: a method the path does not serve must answer 405`];
    return [
      ...problems,
      ...this.checkResponse(where, this.methodNotAllowed, received, method),
      ...catalogueProblems(where, WRONG_METHODS, received),
    ];
  }

  private checkResponse(where: string, documented: ResponseObject, received: ReceivedResponse, method: string): string[] {
    const problems: string[] = [];
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const raw = received.headers[name.toLowerCase()];
      const values = raw === undefined ? [] : ([] as string[]).concat(raw);
      if (values.length === 0) {
        if (header.required) problems.push(`${where}: required header ${name} is missing`);
        continue;
      }
      if (header.schema === undefined) continue;
      const validate = this.validator(header.schema);
      for (const value of values) {
        if (!validate(value)) problems.push(`${where}: header ${name}: ${this.ajv.errorsText(validate.errors)} (${value})`);
      }
    }

    const contentType =
      String(received.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim()
        .toLowerCase() ?? '';
    const content = documented.content ?? {};
    const hasBody = received.text.length > 0 && method !== 'head';
    if (Object.keys(content).length === 0) {
      if (hasBody) problems.push(`${where}: the document says no body, but one came (${contentType})`);
      return problems;
    }
    const mediaType = content[contentType];
    if (mediaType === undefined) {
      problems.push(`${where}: content type "${contentType}" is not one of ${Object.keys(content).join(', ')}`);
      return problems;
    }
    if (contentType === 'application/json' && hasBody && mediaType.schema !== undefined) {
      let body: unknown;
      try {
        body = JSON.parse(received.text);
      } catch {
        return [...problems, `${where}: the body is not JSON`];
      }
      const validate = this.validator(mediaType.schema);
      if (!validate(body)) {
        problems.push(
          `${where}: body ${this.ajv.errorsText(validate.errors, { dataVar: 'body' })}: ${received.text.slice(0, 500)}`,
        );
      }
    }
    return problems;
  }

  private validator(schema: JsonSchemaObject): ValidateFunction {
    let validate = this.validators.get(schema);
    if (validate === undefined) {
      validate = this.ajv.compile(rebase(schema) as JsonSchemaObject);
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

/** An error answer's code must be one the catalogue lets this route answer with this status. */
function catalogueProblems(where: string, route: Parameters<typeof errorCodesOf>[0], received: ReceivedResponse): string[] {
  if (received.status < 400 || received.text.length === 0) return [];
  let code: unknown;
  try {
    code = (JSON.parse(received.text) as { code?: unknown } | null)?.code;
  } catch {
    return [];
  }
  if (typeof code !== 'string') return [];
  const allowed: readonly string[] = errorCodesOf(route, received.status);
  return allowed.includes(code)
    ? []
    : [
        `${where}: code ${code} is not one the error catalogue lists for ${route} with ${received.status} (${allowed.join(', ') || 'none'})`,
      ];
}

let checker: ContractChecker | undefined;

/** Problems with the response, or an empty list. */
export function contractProblems(received: ReceivedResponse): string[] {
  checker ??= new ContractChecker();
  return checker.check(received);
}

/** Throws when the response does not match the OpenAPI document. */
export function assertMatchesContract(received: ReceivedResponse): void {
  const problems = contractProblems(received);
  if (problems.length > 0) {
    throw new Error(`The response does not match the OpenAPI document:\n  ${problems.join('\n  ')}`);
  }
}
