import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REDIS_SERVER_ARGS } from '../../../scripts/embedded-redis';
import {
  loadComposeProject,
  servicesStartedByUp,
  type ComposeProject,
  type ComposeService,
} from '../../helpers/compose-model';

// Docker is not on the test machines: the compose files are read as Docker Compose reads them
// (test/helpers/compose-model.ts) and the stack's promises checked on what it would start.
const single = loadComposeProject('docker-compose.yml');
const ha = loadComposeProject('docker-compose.yml', 'docker-compose.ha.yml');
const STACKS: [string, ComposeProject][] = [
  ['single-Redis', single],
  ['Sentinel', ha],
];

function service(project: ComposeProject, name: string): ComposeService {
  const found = project.services[name];
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

describe('the Docker Compose stack (docker-compose.yml, docker-compose.ha.yml)', () => {
  it.each(STACKS)(
    'when the %s stack runs, then the receiver and the worker read the organisations file from a read-only host folder that .env must name',
    (_name, project) => {
      for (const name of ['receiver', 'worker']) {
        const { environment = {}, volumes = [] } = service(project, name);
        const file = environment.ORGANISATIONS_FILE ?? '';
        const mount = volumes.find((volume) => typeof volume === 'object' && volume.target === dirname(file));

        expect(file).toMatch(/^\/etc\/dit-checks-connector\/organisations\.json$/);
        expect(mount).toEqual({
          type: 'bind',
          // `:?`: no default, so the example can never stand in for the real file unnoticed
          source: expect.stringMatching(/^\$\{ORGANISATIONS_DIR:\?[^}]+\}$/) as unknown,
          target: '/etc/dit-checks-connector',
          read_only: true,
        });
      }
    },
  );

  it('when the image is built, then its runtime stage holds no organisations file', () => {
    const runtime = readFileSync('Dockerfile', 'utf8').split(/^FROM .* AS runtime$/m)[1] ?? '';

    expect(runtime).toContain('COPY --from=build');
    expect(runtime).not.toMatch(/organisations/);
  });

  it('when the worker runs, then Docker checks its /health/ready on the port the stack gives it', () => {
    const worker = service(single, 'worker');

    expect(worker.environment?.WORKER_HEALTH_PORT).toMatch(/^\d+$/);
    expect(worker.healthcheck?.test.join(' ')).toContain(
      "'http://127.0.0.1:' + process.env.WORKER_HEALTH_PORT + '/health/ready'",
    );
  });

  it.each(STACKS)(
    'when the %s stack runs, then only the proxy publishes ports, and the receiver is reached through it alone',
    (_name, project) => {
      const publishing = Object.entries(project.services).filter(([, s]) => (s.ports ?? []).length > 0);
      const caddyfile = readFileSync('deploy/caddy/Caddyfile', 'utf8');

      expect(publishing.map(([name]) => name)).toEqual(['proxy']);
      expect(service(project, 'proxy').ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
      expect(service(project, 'proxy').volumes).toContain('./deploy/caddy/Caddyfile:/etc/caddy/Caddyfile:ro');
      expect(service(project, 'receiver').expose).toEqual(['3000']);
      expect(caddyfile).toMatch(/^\{\$CONNECTOR_DOMAIN\} \{$/m);
      expect(caddyfile).toMatch(/^\s+reverse_proxy receiver:3000$/m);
      // the receiver believes the proxy's X-Forwarded-For, one hop deep, unless .env says otherwise
      expect(service(project, 'receiver').environment?.TRUST_PROXY).toBe('${TRUST_PROXY:-1}');
    },
  );

  it('when the single-Redis stack starts, then it starts the redis service and no Sentinel', () => {
    expect(servicesStartedByUp(single)).toEqual(['proxy', 'receiver', 'redis', 'worker']);
  });

  it('when the HA file is added, then the single redis does not start and the connector waits for the sentinels', () => {
    expect(servicesStartedByUp(ha)).toEqual([
      'proxy',
      'receiver',
      'redis-master',
      'redis-replica',
      'redis-sentinel-1',
      'redis-sentinel-2',
      'redis-sentinel-3',
      'worker',
    ]);
    for (const name of ['receiver', 'worker']) {
      const { depends_on = {}, environment = {} } = service(ha, name);
      expect(Object.keys(depends_on)).toEqual(['redis-sentinel-1', 'redis-sentinel-2', 'redis-sentinel-3']);
      expect(environment.REDIS_URL).toBe('');
      expect(environment.REDIS_SENTINELS).toBe(
        'redis-sentinel-1:26379,redis-sentinel-2:26379,redis-sentinel-3:26379',
      );
    }
  });

  it('when an HA file merges its dependencies instead of replacing them, then the single redis starts again (the old mistake)', () => {
    const merging = join(mkdtempSync(join(tmpdir(), 'dit-compose-')), 'merging.yml');
    writeFileSync(
      merging,
      'services:\n  receiver:\n    depends_on:\n      redis-master:\n        condition: service_healthy\n' +
        '  redis-master:\n    image: redis:7-bookworm\n',
    );

    expect(servicesStartedByUp(loadComposeProject('docker-compose.yml', merging))).toContain('redis');
  });

  it.each([
    ['single-Redis', 'redis', single],
    ['Sentinel', 'redis-master', ha],
    ['Sentinel', 'redis-replica', ha],
  ])('when the %s stack runs %s, then it keeps an AOF and never evicts', (_name, name, project) => {
    const command = (service(project, name).command ?? []) as string[];

    expect(command.join(' ')).toContain(REDIS_SERVER_ARGS.join(' '));
  });
});
