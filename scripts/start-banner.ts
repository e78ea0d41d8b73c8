import { describeRedisTarget, type Config, type RedisTarget } from '../config';
import { DEMO_EXTRAS, type DemoApplicant } from '../sandbox';
import { digestBannerLines, type MailSink } from './mail-sink';
import { identityBannerLines, type LocalIdentityProvider } from './local-identity-provider';

/** The connections `npm start` resolved: configured, or started here (embedded Redis, sandboxes). */
export interface ResolvedApi {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface Resolved {
  redis: RedisTarget;
  embeddedRedis: boolean;
  trac: ResolvedApi;
  esr: ResolvedApi;
  sandboxes: boolean;
  port: number;
  receiverUrl: string;
  /** The local mail sink, when `SMTP_URL` was unset outside production. */
  mailSink?: MailSink;
  /** The local OpenID provider, when OIDC_ISSUER_URL was unset outside production. */
  identity?: LocalIdentityProvider;
}

const row = (label: string, value: string): string => `  ${label.padEnd(16)}${value}`;

/** Generated dev secrets are printed (that is how a developer gets them); configured ones never. */
function credentialRows(config: Config): string[] {
  const { generated } = config;
  const user = (variable: 'ADMIN_USERS' | 'SUPPORT_USERS', count: number): string => {
    const entry = generated[variable];
    if (!entry) return `${count} from ${variable}`;
    const [name, password] = entry.split(':');
    return `user ${name}, password ${password}   (generated; set ${variable} to choose)`;
  };
  const secret = generated.WEBHOOK_SECRETS
    ? `${generated.WEBHOOK_SECRETS}   (generated; set WEBHOOK_SECRETS to choose)`
    : `${config.webhookSecrets.length} from WEBHOOK_SECRETS`;
  return [
    row('HR admin login', user('ADMIN_USERS', config.adminUsers.length)),
    row('Support login', user('SUPPORT_USERS', config.supportUsers.length)),
    row('Webhook secret', secret),
  ];
}

/** Where both processes send traces, or how to see them (docs/operations.md, "Traces"). */
function tracesBannerLine(config: Config): string {
  if (config.otlpEndpoint) return `${new URL(config.otlpEndpoint).origin}   (OTLP, receiver and worker)`;
  return 'off; to see them, run Jaeger all-in-one and start with OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 (docs/operations.md, "Traces")';
}

export function printBanner(
  config: Config,
  resolved: Resolved,
  notReady: string | undefined,
  demo: readonly DemoApplicant[],
): void {
  const origin = (sandbox: boolean): string => (sandbox ? '(sandbox)' : '(configured)');
  const lines = [
    '',
    `dit-checks-connector is running (${config.nodeEnv})`,
    row('Receiver', `${resolved.receiverUrl}   (POST /webhooks/trac, GET /health/ready)`),
    row('HR pages', `${resolved.receiverUrl}/admin`),
    row('Bull Board', `${resolved.receiverUrl}/admin/queues`),
    row('Trac', `${resolved.trac.baseUrl}   ${origin(resolved.sandboxes && !config.trac.baseUrl)}`),
    row('ESR', `${resolved.esr.baseUrl}   ${origin(resolved.sandboxes && !config.esr.baseUrl)}`),
    row(
      'Redis',
      resolved.embeddedRedis
        ? `${describeRedisTarget(resolved.redis)}   (embedded, data in .data/redis)`
        : describeRedisTarget(resolved.redis),
    ),
    row('Traces', tracesBannerLine(config)),
    ...credentialRows(config),
    ...digestBannerLines(config, resolved.mailSink, resolved.receiverUrl),
    ...identityBannerLines(resolved.identity, resolved.receiverUrl),
  ];
  if (notReady) lines.push('', `The receiver is not ready yet (${notReady}); see its log lines above.`);
  if (!config.isProduction) {
    lines.push(
      '',
      'Fire a signed webhook for a demo applicant, or for every one (all but the sweep-only one below):',
      `  npm run demo:webhook -- ${demo[0]?.applicantId ?? 'A-100234'}`,
      '  npm run demo:webhook -- --all',
    );
  }
  if (resolved.sandboxes) {
    const login = config.generated.ADMIN_USERS ?? 'USER:PASSWORD';
    lines.push(
      '',
      'See which Trac applicants would match in ESR (match preview of the sandbox R0A applicants at Offer: Accepted):',
      `  open ${resolved.receiverUrl}/admin/match-previews and press "Start preview" (HR admin login), or`,
      `  curl -u '${login}' -H 'content-type: application/json' -d '{"organisationCode":"R0A","statuses":["Offer: Accepted"]}' ${resolved.receiverUrl}/admin/match-previews`,
    );
  }
  if (demo.length > 0) {
    lines.push('', 'Demo applicants in the sandbox:');
    for (const a of demo) {
      lines.push(`  ${a.applicantId.padEnd(10)}${a.organisationCode.padEnd(5)}${a.summary}  (${a.case})`);
    }
    lines.push('', 'And two to try by hand:');
    for (const a of DEMO_EXTRAS)
      lines.push(`  ${a.applicantId.padEnd(10)}${a.organisationCode.padEnd(5)}${a.case}`);
  }
  lines.push('', 'Ctrl-C stops everything.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}
