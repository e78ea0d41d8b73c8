import request from 'supertest';
import type { TestApp } from '../../helpers/app';
import { basicAuth, type Credentials } from '../../helpers/admin';

/** The OpenAPI document's parts that the generated cases read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}
export interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** What one organisation holds: its transfers (by id), their applicants, and its previews. */
export interface Holdings {
  code: string;
  transfers: string[];
  applicants: string[];
  previews: string[];
}

/**
 * One request a caller may make: method, path, body, Accept; `names` tells whether it names
 * another organisation's data: a transfer or preview in its path, a transfer or applicant in its
 * query (a search), or the organisation's code (a filter or a body).
 */
export interface Case {
  operation: string;
  method: string;
  path: string;
  body?: Record<string, unknown>;
  html: boolean;
  names: 'nothing' | 'path' | 'query' | 'organisation';
}

export interface Answer {
  status: number;
  text: string;
  body: unknown;
  type: string;
}

export const pathTemplateOf = (key: string) => key.slice(key.indexOf(' ') + 1);

/** Every operation of the document under `/admin`, as `get /admin/transfers/{transferId}`. */
export function adminOperations(doc: OpenApiDocument): { key: string; operation: Operation }[] {
  return Object.entries(doc.paths)
    .filter(([path]) => path === '/admin' || path.startsWith('/admin/'))
    .flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ key: `${method} ${path}`, operation })),
    );
}

/** Sends a case as the caller; HTML cases ask as a browser does. */
export async function send(t: Pick<TestApp, 'server'>, caller: Credentials, c: Case): Promise<Answer> {
  const agent = request(t.server);
  let test = c.method === 'post' ? agent.post(c.path) : agent.get(c.path);
  test = test.set('Authorization', basicAuth(caller));
  test = test.set('Accept', c.html ? 'text/html,application/xhtml+xml' : 'application/json');
  if (c.body !== undefined) test = test.send(c.body);
  const answer = await test;
  return {
    status: answer.status,
    text: answer.text,
    body: answer.body as unknown,
    type: String(answer.headers['content-type'] ?? ''),
  };
}

/**
 * Every string of the holdings (ids, applicants, previews, the organisation's code and name)
 * found in the text; `withCode` false leaves out the code (an answer may repeat what was asked).
 */
export function leaksOf(text: string, other: Holdings, otherName: string, withCode = true): string[] {
  const secrets = [...other.transfers, ...other.applicants, ...other.previews, otherName];
  return [...secrets, ...(withCode ? [other.code] : [])].filter((secret) => text.includes(secret));
}

/** The text with each `from` replaced by its `to`. */
export function replaced(text: string, pairs: readonly (readonly [string, string])[]): string {
  return pairs.reduce((out, [from, to]) => out.split(from).join(to), text);
}

/** The requests of one operation, naming 7A1's data (or nothing), built from its description. */
export function casesOf(key: string, operation: Operation, holdings: Holdings): Case[] {
  const [method = '', template = ''] = key.split(' ');
  const cases: Omit<Case, 'operation' | 'method' | 'html'>[] = [];
  const pathParameters = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const values = new Map([
    ['transferId', holdings.transfers],
    ['previewId', holdings.previews],
  ]);
  for (const name of pathParameters) {
    const named = values.get(name);
    if (!named) throw new Error(`no case strategy for the path parameter ${name} of ${key}`);
    for (const value of named) cases.push({ path: template.replace(`{${name}}`, value), names: 'path' });
  }
  if (pathParameters.length === 0) cases.push({ path: template, names: 'nothing' });
  const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
  for (const { name } of query) {
    if (name === 'organisation')
      cases.push({ path: `${template}?organisation=${holdings.code}`, names: 'organisation' });
    if (name === 'q') {
      for (const id of [...holdings.transfers, ...holdings.applicants])
        cases.push({ path: `${template}?q=${encodeURIComponent(id)}`, names: 'query' });
    }
  }
  const withBodies = bodiesOf(key, operation, holdings).flatMap((body) =>
    cases.map((c) => ({
      ...c,
      body: body.body,
      names: body.names === 'organisation' ? body.names : c.names,
    })),
  );
  const all = withBodies.length > 0 ? withBodies : cases;
  const content = operation.responses['200']?.content ?? operation.responses['202']?.content ?? {};
  const kinds = [
    ...('text/html' in content && method === 'get' ? [true] : []),
    ...(!('text/html' in content) || 'application/json' in content || method !== 'get' ? [false] : []),
  ];
  return kinds.flatMap((html) => all.map((c) => ({ ...c, operation: key, method, html })));
}

/** The bodies an operation takes, by the schema its description names. */
function bodiesOf(key: string, operation: Operation, holdings: Holdings) {
  const schema = operation.requestBody?.content['application/json']?.schema.$ref?.split('/').pop();
  if (!operation.requestBody) return [];
  const { code } = holdings;
  const applicantId = holdings.applicants[0] ?? '';
  const bodies: Record<string, { body: Record<string, unknown>; names: Case['names'] }[]> = {
    ManualStartBody: [{ body: { organisationCode: code, applicantId }, names: 'organisation' }],
    BulkRetryBody: [
      { body: { organisation: code }, names: 'organisation' },
      { body: { organisation: code, reason: 'NO_ESR_MATCH' }, names: 'organisation' },
      { body: {}, names: 'nothing' },
    ],
    PreviewStartBody: [{ body: { organisationCode: code }, names: 'organisation' }],
  };
  const found = schema ? bodies[schema] : undefined;
  if (!found) throw new Error(`no case strategy for the request body ${schema ?? '(none)'} of ${key}`);
  return found;
}
