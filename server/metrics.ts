/**
 * What `GET /metrics` shows, in Prometheus' text format (prom-client): requests by route and
 * status, push and pull latencies, the push workers' state, and Node's own process metrics. One
 * registry per server, so servers in one process (the tests) count apart.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the push pool reports at each scrape. */
export interface PushWorkerStats {
  /** Workers able to take a push. */
  live: number;
  /** Workers being replaced after one died. */
  restarting: number;
  /** Pushes handed to a worker and not yet answered. */
  inFlight: number;
}

/** From a 1 ms pull of a few items to a push of a whole large batch. */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'repertoire_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly push = new Histogram({
    name: 'repertoire_push_duration_seconds',
    help: 'Time to apply a push (parse, validate, commit), on whichever thread applies it.',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly pull = new Histogram({
    name: 'repertoire_pull_duration_seconds',
    help: 'Time to read one page of changes.',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor(pushWorkers?: () => PushWorkerStats) {
    collectDefaultMetrics({ register: this.registry, prefix: 'repertoire_' });
    new Gauge({
      name: 'repertoire_push_workers',
      help: 'Push worker threads by state (none when pushes run on the HTTP thread).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const stats = pushWorkers?.() ?? { live: 0, restarting: 0, inFlight: 0 };
        this.set({ state: 'live' }, stats.live);
        this.set({ state: 'restarting' }, stats.restarting);
      },
    });
    new Gauge({
      name: 'repertoire_push_worker_jobs_in_flight',
      help: 'Pushes handed to a worker thread and not yet answered.',
      registers: [this.registry],
      collect() {
        this.set(pushWorkers?.().inFlight ?? 0);
      },
    });
  }
}
