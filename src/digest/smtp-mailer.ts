import nodemailer from 'nodemailer';
import { AppError } from '../platform/errors';

/** One e-mail: every address already validated (organisations file, `DIGEST_FROM`). */
export interface OutgoingMail {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
}

/** The port the digest sends through; `createSmtpMailer` is the relay behind it. */
export interface Mailer {
  /**
   * Resolves once the relay accepted the message. Throws MailNotSentError when the relay certainly
   * did not take it (down, refused); any other error leaves delivery uncertain.
   */
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * The relay certainly holds no copy of the message: it could not be reached, or it answered the
 * session with a refusal. Safe to try again; anything else might deliver a second copy.
 */
export class MailNotSentError extends AppError {}

/** SMTP connection, greeting and socket timeouts, milliseconds. */
const TIMEOUT_MS = 30_000;

/** nodemailer's error fields that tell where a session ended (see its SMTP connection). */
interface SmtpErrorFields {
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * Why the send failed, without the relay's URL or credentials: nodemailer's code, command and the
 * relay's reply code only (its free-text reply could repeat an address).
 */
function describe(error: unknown): string {
  const { code, responseCode, command } = (error ?? {}) as SmtpErrorFields;
  const parts = [code, command && `at ${command}`, responseCode && `reply ${responseCode}`];
  return parts.filter(Boolean).join(' ') || 'unknown error';
}

/**
 * The relay said no (a `4xx`/`5xx` reply) or nodemailer refused before talking to it: no copy
 * exists. A dropped connection without a reply may have come after the message was taken.
 */
const certainlyNotSent = (error: unknown): boolean => {
  const { responseCode, command } = (error ?? {}) as SmtpErrorFields;
  return Boolean(responseCode) || command === 'API';
};

/**
 * Sends through `SMTP_URL` (`smtp://` or `smtps://`, credentials in the URL). Each send first
 * checks the relay answers (connect, greeting, authentication), so that a relay that is down is
 * known not to hold the message. Text parts are quoted-printable: readable in the raw message.
 */
export function createSmtpMailer(smtpUrl: string, timeoutMs = TIMEOUT_MS): Mailer & { close(): void } {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  });
  return {
    async send(mail) {
      try {
        await transport.verify();
      } catch (error) {
        throw new MailNotSentError(`the mail relay did not answer (${describe(error)})`);
      }
      try {
        await transport.sendMail({ ...mail, to: [...mail.to], textEncoding: 'quoted-printable' });
      } catch (error) {
        const message = `the mail relay did not take the message (${describe(error)})`;
        if (certainlyNotSent(error)) throw new MailNotSentError(message);
        throw new AppError(`${message}; it may have been delivered`);
      }
    },
    close: () => transport.close(),
  };
}
