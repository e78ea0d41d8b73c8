import { AppError, WebhookVerificationError } from '../platform/errors';
import { clientErrorStatusOf } from '../platform/error-handler';
import { PayloadTooLargeError } from '../platform/http/body-limit';
import { rejected, unavailable, type WebhookAnswer } from './webhook-answers';
import { InvalidWebhookBodyError } from './webhook-body';

/** `application/json`, parameters allowed; a charset other than UTF-8 is not JSON as Trac sends it. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [mediaType = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  return charset === undefined || ['utf-8', 'utf8', '"utf-8"'].includes(charset);
}

/** Not `application/json`: the body is not read at all. */
export class UnsupportedMediaTypeError extends AppError {}

/** Error types of express's body parser (`raw-body`) and what the contract answers for each. */
function answerForBodyParserError(error: unknown): WebhookAnswer | undefined {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') return rejected('payload_too_large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return rejected('unsupported_media_type');
  if (clientErrorStatusOf(error) !== undefined) {
    // aborted, or shorter/longer than its Content-Length: the body could not be read as sent
    return rejected('invalid_body', [{ path: '', message: 'body could not be read as sent' }]);
  }
  return undefined;
}

/**
 * The contract's answer for any failure. What is not a known client error is ours or Redis's:
 * `503`, so that Trac retries — never `500`.
 */
export function answerForError(error: unknown): WebhookAnswer {
  if (error instanceof WebhookVerificationError) return rejected(error.failure);
  if (error instanceof InvalidWebhookBodyError) return rejected('invalid_body', error.issues);
  if (error instanceof UnsupportedMediaTypeError) return rejected('unsupported_media_type');
  if (error instanceof PayloadTooLargeError) return rejected('payload_too_large');
  return answerForBodyParserError(error) ?? unavailable();
}
