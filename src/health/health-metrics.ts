import { Gauge } from 'prom-client';
import { readWithin, type Metrics } from '../platform/metrics';
import type { CheckReadiness } from './health-router';

/** What the health metrics read at each scrape (`createDeploymentHealth` in src/store). */
export interface DeploymentHealth {
  checkReadiness: CheckReadiness;
  /** Worker processes taking jobs now: their heartbeat is fresh. */
  countLiveWorkers(): Promise<number>;
}

/**
 * Adds what the alert rules need to see the deployment's health in metrics (deploy/prometheus):
 * `dit_redis_ready` (1 while Redis passes the readiness check of `GET /health/ready`, else 0) and
 * `dit_workers_alive` (worker processes taking jobs: their heartbeat is fresh; 0 when Redis does
 * not answer within a scrape's wait). Both are read at each scrape. Registering twice is a no-op.
 */
export function registerHealthMetrics(metrics: Metrics, health: DeploymentHealth): void {
  const { registry } = metrics;
  if (registry.getSingleMetric('dit_redis_ready')) return;
  new Gauge({
    name: 'dit_redis_ready',
    help: "1 while Redis is usable for BullMQ (answers, never evicts, accepts writes), else 0: this receiver's view.",
    registers: [registry],
    async collect() {
      this.set((await health.checkReadiness()).ready ? 1 : 0);
    },
  });
  new Gauge({
    name: 'dit_workers_alive',
    help: 'Worker processes taking jobs (heartbeat within the last 20 s), all hosts.',
    registers: [registry],
    async collect() {
      this.set((await readWithin(health.countLiveWorkers())) ?? 0);
    },
  });
}
