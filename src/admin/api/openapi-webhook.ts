import { json, ref } from './openapi-answers';

/** The webhook's path in the OpenAPI document (connector.md "Webhook"): signed, not HTTP Basic. */
export function webhookPath() {
  return {
    post: {
      summary: 'A Trac status webhook (Standard Webhooks v1)',
      parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({
        name,
        in: 'header',
        required: true,
        schema: { type: 'string' },
      })),
      requestBody: {
        required: true,
        content: { 'application/json': { schema: ref('StatusChangedWebhook') } },
      },
      responses: {
        '200': json(
          'WebhookAcknowledged',
          'A duplicate, or ignored (not a trigger, other event, organisation not enabled).',
        ),
        '202': json('WebhookQueued', 'Verified trigger: the transfer is durably queued.'),
        '400': json('WebhookError', '`invalid_body`, with the offending paths.'),
        '401': json('WebhookError', 'Missing headers, invalid signature or timestamp out of tolerance.'),
        '413': json('WebhookError', '`payload_too_large` (over 256 KiB).'),
        '415': json('WebhookError', '`unsupported_media_type` (not application/json).'),
        '503': json('WebhookError', '`unavailable`: nothing stored; Trac retries.'),
      },
    },
  };
}
