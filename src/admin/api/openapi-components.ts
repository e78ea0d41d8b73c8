import { z } from 'zod';
import { StatusChangedBodySchema } from '../../webhook/webhook-body';
import {
  AuditListSchema,
  BulkRequeueBodySchema,
  DigestQueuedAnswerSchema,
  ErrorAnswerSchema,
  ManualStartBodySchema,
  QueuedAnswerSchema,
  RequeuedAnswerSchema,
  TransferDetailSchema,
  TransferListSchema,
  TransferSummarySchema,
} from './admin-schemas';
import { AuditEntrySchema } from '../audit/audit-log';
import {
  PreviewListSchema,
  PreviewQueuedAnswerSchema,
  PreviewSchema,
  PreviewStartBodySchema,
} from '../previews/preview-schemas';
import { SweepStatusSchema, SweepQueuedAnswerSchema } from '../sweeps/sweep-operations';

/** The webhook's answers (`webhook-answers.ts`), as schemas for the document. */
const WebhookAcknowledgedSchema = z.union([
  z.object({ status: z.literal('duplicate'), transferId: z.string() }),
  z.object({
    status: z.literal('ignored'),
    reason: z.enum(['status_not_trigger', 'event_type_not_handled', 'organisation_not_enabled']),
  }),
]);
const WebhookErrorSchema = z.object({
  error: z.enum([
    'invalid_signature',
    'timestamp_out_of_tolerance',
    'missing_headers',
    'invalid_body',
    'unsupported_media_type',
    'payload_too_large',
    'unavailable',
  ]),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** Every named schema of the document, generated from the zod schemas the code validates with. */
const COMPONENTS = {
  StatusChangedWebhook: StatusChangedBodySchema,
  WebhookQueued: QueuedAnswerSchema,
  WebhookAcknowledged: WebhookAcknowledgedSchema,
  WebhookError: WebhookErrorSchema,
  TransferSummary: TransferSummarySchema,
  TransferDetail: TransferDetailSchema,
  TransferList: TransferListSchema,
  AuditEntry: AuditEntrySchema,
  AuditList: AuditListSchema,
  BulkRetryBody: BulkRequeueBodySchema,
  ManualStartBody: ManualStartBodySchema,
  Queued: QueuedAnswerSchema,
  Requeued: RequeuedAnswerSchema,
  DigestQueued: DigestQueuedAnswerSchema,
  ReconciliationStatus: SweepStatusSchema,
  SweepQueued: SweepQueuedAnswerSchema,
  PreviewStartBody: PreviewStartBodySchema,
  PreviewQueued: PreviewQueuedAnswerSchema,
  PreviewList: PreviewListSchema,
  Preview: PreviewSchema,
  Error: ErrorAnswerSchema,
} as const;
export type ComponentName = keyof typeof COMPONENTS;

/** `components.schemas`: JSON Schema 2020-12 (OpenAPI 3.1's dialect), shared parts as `$ref`s. */
export function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) {
    // one zod schema may back two names (webhook and admin `queued` answers): register each once
    if (!registry.has(schema)) registry.add(schema, { id });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
    io: 'output',
  });
  const out: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // each becomes part of the document: no dialect or id of its own
    const component: Record<string, unknown> = { ...schema };
    delete component.$schema;
    delete component.$id;
    out[id] = component;
  }
  out.Queued = { $ref: '#/components/schemas/WebhookQueued' };
  return out;
}

/** A JSON Schema object per query parameter of a zod object schema (its input side). */
export function queryParameters(schema: z.ZodObject, descriptions: Record<string, string>) {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    description: descriptions[name],
    schema: property,
  }));
}
