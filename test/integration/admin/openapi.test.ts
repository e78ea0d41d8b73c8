import request from 'supertest';
import { aStoredTransfer, asCaller, withAdminTestApp, HR_ADMIN, SUPPORT, bodyOf } from '../../helpers/admin';
import { withSandboxes } from '../../helpers/sandbox';
import { aSignedWebhook, aWebhookBody } from '../../helpers/webhooks';
import { allRecords } from '../../../src/transfer/transfer';
import { schemaErrors } from './json-schema-check';

type Document = Record<string, unknown> & { paths: Record<string, Record<string, Operation>> };
interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}
interface Observed {
  method: string;
  template: string;
  status: number;
  contentType: string;
  body: unknown;
}

const sandboxes = withSandboxes();
// SMTP_URL set so that POST /admin/digest queues (nothing sends it: no digest worker here)
const t = withAdminTestApp(() => ({ tracUrl: sandboxes.tracUrl, env: { SMTP_URL: 'smtp://127.0.0.1:25' } }));
let doc: Document;
const observed: Observed[] = [];

beforeAll(async () => {
  doc = (await request(t.server).get('/openapi.json')).body as Document;
});

async function record(method: string, template: string, sent: request.Test | Promise<request.Response>) {
  const answer = await sent;
  observed.push({
    method,
    template,
    status: answer.status,
    contentType: String(answer.headers['content-type'] ?? ''),
    body: answer.body as unknown,
  });
}

async function exerciseEveryEndpoint(): Promise<void> {
  const hr = asCaller(t, HR_ADMIN);
  const failed = await aStoredTransfer(t.transferStore);
  const done = await aStoredTransfer(t.transferStore, { state: 'completed', reason: null });
  const signed = aSignedWebhook({ body: aWebhookBody() });
  const hook = (s: ReturnType<typeof aSignedWebhook>) =>
    request(t.server).post('/webhooks/trac').set(s.headers).send(s.payload);
  await record('post', '/webhooks/trac', hook(signed));
  await record('post', '/webhooks/trac', hook(signed));
  await record(
    'post',
    '/webhooks/trac',
    hook(aSignedWebhook({ body: aWebhookBody({ data: { status: 'Offer: Made' } }) })),
  );
  await record(
    'post',
    '/webhooks/trac',
    hook({ ...signed, headers: { ...signed.headers, 'webhook-signature': 'v1,bad' } }),
  );
  await record(
    'post',
    '/webhooks/trac',
    hook(aSignedWebhook({ body: aWebhookBody({ data: { applicantId: 'bad id!' } }) })),
  );
  await record('post', '/webhooks/trac', request(t.server).post('/webhooks/trac').type('text').send('x'));
  await record('get', '/admin/transfers', hr.get('/admin/transfers?state=failed'));
  await record('get', '/admin/transfers', hr.get('/admin/transfers?state=nope'));
  await record('get', '/admin/transfers', asCaller(t, undefined).get('/admin/transfers'));
  await record('get', '/admin/transfers/{transferId}', hr.get(`/admin/transfers/${failed}`));
  await record('get', '/admin/transfers/{transferId}', hr.get('/admin/transfers/R0A-A-none'));
  await record(
    'post',
    '/admin/transfers/{transferId}/retry',
    asCaller(t, SUPPORT).post(`/admin/transfers/${failed}/retry`),
  );
  await record('post', '/admin/transfers/{transferId}/retry', hr.post(`/admin/transfers/${failed}/retry`));
  await record('post', '/admin/transfers/{transferId}/retry', hr.post(`/admin/transfers/${done}/retry`));
  await record('post', '/admin/transfers/{transferId}/retry', hr.post('/admin/transfers/R0A-A-none/retry'));
  await record(
    'post',
    '/admin/transfers/retry',
    hr.post('/admin/transfers/retry').send({ reason: 'NO_ESR_MATCH' }),
  );
  await record('post', '/admin/transfers/retry', hr.post('/admin/transfers/retry').send({ reason: 'NOPE' }));
  await record(
    'post',
    '/admin/transfers',
    hr.post('/admin/transfers').send({ organisationCode: 'R0A', applicantId: 'A-100234' }),
  );
  await record(
    'post',
    '/admin/transfers',
    hr.post('/admin/transfers').send({ organisationCode: 'R0A', applicantId: done.slice(4) }),
  );
  await record(
    'post',
    '/admin/transfers',
    hr.post('/admin/transfers').send({ organisationCode: 'R0A', applicantId: 'A-100310' }),
  );
  await record(
    'post',
    '/admin/transfers',
    hr.post('/admin/transfers').send({ organisationCode: 'RX9', applicantId: 'A-1' }),
  );
  await record('post', '/admin/transfers', hr.post('/admin/transfers').send({}));
  await exerciseSendOutstanding(done);
  await record('post', '/admin/digest', hr.post('/admin/digest'));
  await record('post', '/admin/digest', asCaller(t, SUPPORT).post('/admin/digest'));
  await record('post', '/admin/reconciliation', hr.post('/admin/reconciliation'));
  await record('post', '/admin/reconciliation', asCaller(t, SUPPORT).post('/admin/reconciliation'));
  await record('get', '/admin/reconciliation', asCaller(t, SUPPORT).get('/admin/reconciliation'));
  await record('get', '/admin/audit', hr.get('/admin/audit'));
  await record('get', '/admin/audit', hr.get('/admin/audit?page=x'));
  await record('get', '/admin', hr.get('/admin'));
  const browser = (path: string) => hr.get(path).set('Accept', 'text/html,*/*;q=0.8');
  await record('get', '/admin/search', browser('/admin/search?q=A-1'));
  await record('get', '/admin/transfers', browser('/admin/transfers?state=failed'));
  await record('get', '/admin/transfers', browser('/admin/transfers?state=nope'));
  await record('get', '/admin/transfers/{transferId}', browser('/admin/transfers/R0A-NOPE'));
  await record('get', '/admin/queues', asCaller(t, SUPPORT).get('/admin/queues'));
  await exercisePreviews(browser);
}

async function exerciseSendOutstanding(done: string): Promise<void> {
  const hr = asCaller(t, HR_ADMIN);
  const outstanding = await aStoredTransfer(t.transferStore, {
    state: 'completed',
    reason: null,
    records: { ...allRecords('SENT'), references: 'NOT_COMPLETE' },
  });
  await t.transferStore.update(outstanding, { outstanding: ['references'], esrApplicantId: '4417807' });
  const path = (id: string) => `/admin/transfers/${id}/send-outstanding`;
  const template = '/admin/transfers/{transferId}/send-outstanding';
  await record('post', template, asCaller(t, SUPPORT).post(path(outstanding)));
  await record('post', template, hr.post(path(outstanding)));
  await record('post', template, hr.post(path(outstanding)));
  await record('post', template, hr.post(path(done)));
  await record('post', template, hr.post(path('R0A-A-none')));
  await record('get', '/admin/transfers', hr.get('/admin/transfers?outstanding=true'));
  await record('get', '/admin/transfers/{transferId}', hr.get(`/admin/transfers/${outstanding}`));
}

async function exercisePreviews(browser: (path: string) => request.Test): Promise<void> {
  const hr = asCaller(t, HR_ADMIN);
  const started = hr
    .post('/admin/match-previews')
    .send({ organisationCode: 'R0A', statuses: ['Offer: Accepted'] });
  const { previewId } = (await started).body as { previewId: string };
  await record(
    'post',
    '/admin/match-previews',
    hr.post('/admin/match-previews').send({ organisationCode: 'R0A' }),
  );
  await record(
    'post',
    '/admin/match-previews',
    hr.post('/admin/match-previews').send({ organisationCode: 'RX9' }),
  );
  await record('post', '/admin/match-previews', asCaller(t, SUPPORT).post('/admin/match-previews').send({}));
  await record('get', '/admin/match-previews', asCaller(t, SUPPORT).get('/admin/match-previews'));
  await record('get', '/admin/match-previews', browser('/admin/match-previews'));
  await record('get', '/admin/match-previews/{previewId}', hr.get(`/admin/match-previews/${previewId}`));
  await record('get', '/admin/match-previews/{previewId}', hr.get('/admin/match-previews/pv_nope'));
  await record('get', '/admin/match-previews/{previewId}', browser(`/admin/match-previews/${previewId}`));
  await record(
    'get',
    '/admin/match-previews/{previewId}.csv',
    hr.get(`/admin/match-previews/${previewId}.csv`),
  );
  await record('get', '/admin/match-previews/{previewId}.csv', hr.get('/admin/match-previews/pv_nope.csv'));
}

describe('GET /openapi.json', () => {
  it('when fetched without credentials, then it is an OpenAPI 3.1 document of the webhook and every admin endpoint', async () => {
    const answer = await request(t.server).get('/openapi.json');

    expect(answer.status).toBe(200);
    expect(bodyOf(answer).openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/webhooks/trac',
        '/admin',
        '/admin/audit',
        '/admin/digest',
        '/admin/queues',
        '/admin/reconciliation',
        '/admin/search',
        '/admin/transfers',
        '/admin/transfers/retry',
        '/admin/transfers/{transferId}',
        '/admin/transfers/{transferId}/retry',
        '/admin/transfers/{transferId}/send-outstanding',
        '/admin/match-previews',
        '/admin/match-previews/{previewId}',
        '/admin/match-previews/{previewId}.csv',
      ].sort(),
    );
    expect(JSON.stringify(doc)).not.toContain('$schema');
  });

  it('when every endpoint answers, then each status is documented and each JSON body matches its schema', async () => {
    await exerciseEveryEndpoint();

    const problems = observed.flatMap(({ method, template, status, contentType, body }) => {
      const response = doc.paths[template]?.[method]?.responses[String(status)];
      const where = `${method.toUpperCase()} ${template} ${status}`;
      if (!response) return [`${where}: not documented`];
      // a download (the preview's CSV) answers with its own documented type
      const mediaType = contentType.split(';')[0] ?? '';
      if (mediaType === 'text/csv') return response.content?.[mediaType] ? [] : [`${where}: ${contentType}`];
      // an HR page answers a browser on some JSON paths: its type must be documented there too
      if (contentType.startsWith('text/html'))
        return response.content?.['text/html'] ? [] : [`${where}: ${contentType}`];
      const json = response.content?.['application/json'];
      if (!json)
        return contentType.startsWith('text/html') && response.content?.['text/html']
          ? []
          : [`${where}: ${contentType}`];
      return schemaErrors(json.schema, body, doc).map((error) => `${where}: ${error}`);
    });

    expect(problems).toEqual([]);
    const statuses = new Set(observed.map((o) => `${o.template} ${o.status}`));
    for (const expected of [
      '/webhooks/trac 202',
      '/admin/transfers 202',
      '/admin/transfers 422',
      '/admin/transfers/{transferId}/retry 409',
      '/admin/transfers/{transferId}/send-outstanding 202',
      '/admin/transfers/{transferId}/send-outstanding 409',
      '/admin/transfers/{transferId}/send-outstanding 404',
      '/admin/digest 202',
      '/admin/reconciliation 202',
      '/admin/reconciliation 200',
    ]) {
      expect(statuses).toContain(expected);
    }
  });

  it('when a body breaks the schema, then the checker says so (the test above can fail)', () => {
    const errors = schemaErrors(
      { $ref: '#/components/schemas/TransferSummary' },
      { transferId: 1, extra: true },
      doc,
    );

    expect(errors).toEqual(
      expect.arrayContaining(['$.transferId: expected "string", got integer', '$.extra: is not allowed']),
    );
  });
});
