/**
 * `tsx sandbox/main.ts [--trac-port N] [--esr-port N] [--host H]`: both sandboxes with the
 * demo seed, until Ctrl-C. Prints the URLs, the client credentials and the demo applicants.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SANDBOX_CREDENTIALS } from '../config';
import { DEMO_APPLICANTS, DEMO_EXTRAS, PREVIEW_STATUS, startSandboxes, startSeed } from '.';

const port = z.coerce.number().int().min(0).max(65_535).default(0);
const ArgsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  'trac-port': port,
  'esr-port': port,
});

function readArgs(): z.infer<typeof ArgsSchema> {
  const { values } = parseArgs({
    options: { host: { type: 'string' }, 'trac-port': { type: 'string' }, 'esr-port': { type: 'string' } },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  return parsed.data;
}

async function main(): Promise<void> {
  const args = readArgs();
  const sandboxes = await startSandboxes({
    host: args.host,
    tracPort: args['trac-port'],
    esrPort: args['esr-port'],
    seed: startSeed(),
  });
  const { trac, esr } = SANDBOX_CREDENTIALS;
  console.log(
    [
      `Trac sandbox  ${sandboxes.tracUrl}   client ${trac.clientId} / ${trac.clientSecret}`,
      `ESR sandbox   ${sandboxes.esrUrl}   client ${esr.clientId} / ${esr.clientSecret}`,
      'Control endpoints under /sandbox/ on each (faults, revoke-tokens, applicants, records, requests;',
      'Trac also list-paging, list-faults and list-misbehaviour for its applicant list).',
      '',
      'Demo applicants:',
      ...DEMO_APPLICANTS.map(
        (a) =>
          `  ${a.applicantId} ${a.organisationCode.padEnd(4)}${a.case}\n${' '.repeat(16)}-> ${a.summary}`,
      ),
      '',
      ...DEMO_EXTRAS.map((a) => `  ${a.applicantId} ${a.organisationCode.padEnd(4)}${a.case}`),
      '',
      `Match-preview demo: R0A applicants A-100400 to A-100409 at "${PREVIEW_STATUS}", one per result and hint.`,
      '',
      'Ctrl-C stops both.',
    ].join('\n'),
  );
  const stop = () => void sandboxes.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
