import { adminSection } from './admin-report';
import type { BenchResults, TargetVerdict } from './targets';
import type { Machine } from './machine';
import { round, type CpuReading } from './process-stats';
import type { CannonFigures, PacedFigures } from './receiver-phase';
import type { Distribution } from './stats';

export type Row = (string | number)[];

export function table(title: string, header: Row, rows: Row[]): string {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [title, ...all.map((row) => `  ${line(row)}`)].join('\n');
}

function paced(name: string, f: PacedFigures): Row {
  return [
    name,
    f.perSecond,
    f.latencyMs.p50,
    f.latencyMs.p99,
    f.non2xx,
    f.cpu.msPerUnit.http ?? '',
    f.cpu.msPerUnit.redis ?? '',
    f.cpu.cores.otherProcesses ?? '',
  ];
}

function receiverSection(results: BenchResults): string[] {
  const r = results.receiver;
  if (!r) return [];
  const row = (name: string, f: CannonFigures): Row => [
    name,
    f.requestsPerSecond,
    f.latencyP50Ms,
    f.latencyP99Ms,
    f.non2xx + f.errors,
    f.cpu.msPerUnit.http ?? '',
    f.cpu.msPerUnit.redis ?? '',
    f.cpu.cores.otherProcesses ?? '',
  ];
  return [
    table(
      `Receiver: ${r.connections} connections, ${r.rounds} rounds of ${r.seconds} s each, alternating (ratio ${r.ratio})`,
      ['', 'webhooks/s', 'p50 ms', 'p99 ms', 'non-2xx', 'CPU ms/req', 'Redis CPU ms/req', 'others cores'],
      [
        row('connector receiver, saturated', r.receiver.saturated),
        row('baseline: Queue.add only, saturated', r.baseline.saturated),
        paced(`connector receiver, paced ${r.fixedRatePerSecond}/s`, r.receiver.atFixedRate),
        paced(`baseline, paced ${r.fixedRatePerSecond}/s`, r.baseline.atFixedRate),
      ],
    ),
  ];
}

function floodSection(results: BenchResults): string[] {
  const f = results.badSignatureFlood;
  if (!f) return [];
  const flood = `${f.floodPerSecondAchieved}/s of ${f.floodPerSecondOffered}/s offered`;
  const cpu = `receiver CPU ${f.cpuMsPerBadRequest} ms per bad post alone, ${f.cpu.msPerUnit.http ?? '?'} ms per request with both`;
  return [
    table(
      `Receiver under a bad-signature flood: ${f.floodBodyBytes / 1024} KiB posts, ${flood}, ${f.seconds} s; ${cpu}`,
      ['', 'webhooks/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx'],
      [
        [
          'valid webhooks, no flood',
          f.validPerSecond,
          f.validAloneMs.p50,
          f.validAloneMs.p99,
          f.validAloneMs.max,
          '',
        ],
        [
          'valid webhooks, under the flood',
          f.validPerSecond,
          f.validUnderFloodMs.p50,
          f.validUnderFloodMs.p99,
          f.validUnderFloodMs.max,
          f.validNon202,
        ],
      ],
    ),
  ];
}

/** CPU ms per transfer of all the benchmark's processes but the sandboxes (which stand in for Trac and ESR). */
function connectorCpuMs(cpu: CpuReading): string {
  const total = Object.entries(cpu.msPerUnit)
    .filter(([name]) => name !== 'sandboxes')
    .reduce((sum, [, ms]) => sum + ms, 0);
  return String(round(total, 1));
}

const END_TO_END_HEADER: Row = [
  '',
  'transfers',
  'per s',
  'p50 ms',
  'p99 ms',
  'failed',
  'CPU ms/transfer',
  'sandbox CPU ms',
  'others cores',
];

/** One run's row: count, rate, latency, failures, then CPU when the run measured it. */
function transferRow(
  name: string,
  count: number,
  perSecond: number,
  latency: Distribution,
  failed: number,
  cpu?: CpuReading,
): Row {
  const cpuCells = cpu
    ? [connectorCpuMs(cpu), cpu.msPerUnit.sandboxes ?? '', cpu.cores.otherProcesses ?? '']
    : ['', '', ''];
  return [name, count, perSecond, latency.p50, latency.p99, failed, ...cpuCells];
}

function endToEndSection(results: BenchResults): string[] {
  const { endToEnd: e, bareLoop: b, nominal: n } = results;
  const rows: Row[] = [];
  if (e)
    rows.push(
      transferRow(
        'connector, flood',
        e.accepted,
        e.transfersPerSecond,
        e.webhookToCompleteMs,
        e.failed,
        e.cpu,
      ),
    );
  if (b)
    rows.push(
      transferRow('bare loop, no queue', b.transfers, b.transfersPerSecond, b.durationMs, b.notSent, b.cpu),
    );
  if (n)
    rows.push(
      transferRow(
        `connector, ${n.perMinute}/min`,
        n.accepted,
        n.transfersPerSecond,
        n.webhookToCompleteMs,
        n.failed,
      ),
    );
  if (rows.length === 0) return [];
  const ratio = e && b ? ` (ratio ${round(e.transfersPerSecond / b.transfersPerSecond, 3)})` : '';
  const concurrency = e?.concurrency ?? b?.concurrency ?? 0;
  return [table(`End to end: concurrency ${concurrency}${ratio}`, END_TO_END_HEADER, rows)];
}

function memorySection(results: BenchResults): string[] {
  const e = results.endToEnd;
  if (!e) return [];
  const rss = e.workerRssMiB;
  return [
    table(
      'Memory',
      ['', 'value'],
      [
        ['worker RSS start / middle / end, MiB', `${rss.start} / ${rss.middle} / ${rss.end}`],
        ['worker RSS min / max, MiB', `${rss.min} / ${rss.max}`],
        [
          'RSS at the end: receiver / Redis / sandboxes, MiB',
          `${e.otherRssMiB.receiver} / ${e.otherRssMiB.redis} / ${e.otherRssMiB.sandboxes}`,
        ],
        ['Redis used_memory per retained transfer', `${e.redis.bytesPerRetainedTransfer} B`],
        ['Redis used_memory per archived transfer', `${e.redis.bytesPerArchivedTransfer} B`],
        ['Redis commands per transfer', `${e.redis.commandsPerTransfer}`],
        ...Object.entries(e.redis.keysOfOneTransfer).map(([key, bytes]): Row => [`  ${key}`, `${bytes} B`]),
      ],
    ),
  ];
}

function tracingSection(results: BenchResults): string[] {
  const t = results.tracing;
  if (!t) return [];
  return [
    table(
      `Tracing off and on, side by side (ratio ${t.ratio}, CPU-normalised ${t.cpuNormalisedRatio})`,
      ['', 'transfers/s', 'window s', 'CPU ms/transfer', 'end to end', 'exports', 'KiB exported'],
      t.pairs.flatMap((pair, index) =>
        [pair.off, pair.on].map((side): Row => [
          `pair ${index + 1}: tracing ${side.tracing}`,
          side.transfersPerSecond,
          pair.windowSeconds,
          side.cpuMsPerTransfer,
          side.endToEndCpuMsPerTransfer,
          side.exported.requests,
          round(side.exported.bytes / 1024),
        ]),
      ),
    ),
  ];
}

function targetSection(verdicts: TargetVerdict[]): string[] {
  const mark = (met: boolean | null) => (met === null ? 'n/a ' : met ? 'MET ' : 'MISS');
  return [
    table(
      'Targets',
      ['', 'target', 'value', 'note'],
      verdicts.map((v) => [mark(v.met), v.target, v.value, v.note ?? '']),
    ),
  ];
}

/** The short human-readable summary printed after the JSON. */
export function formatReport(machine: Machine, results: BenchResults, verdicts: TargetVerdict[]): string {
  const head = `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, Redis ${machine.redis}`;
  return [
    head,
    ...receiverSection(results),
    ...floodSection(results),
    ...endToEndSection(results),
    ...memorySection(results),
    ...adminSection(results),
    ...tracingSection(results),
    ...targetSection(verdicts),
  ].join('\n\n');
}
