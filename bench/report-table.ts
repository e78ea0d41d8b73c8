import type { BenchResults, TargetVerdict } from './targets';
import type { Machine } from './machine';
import { round, type CpuReading } from './process-stats';
import type { CannonFigures } from './receiver-phase';

type Row = (string | number)[];

function table(title: string, header: Row, rows: Row[]): string {
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
      `Receiver: ${r.connections} connections, ${r.seconds} s (ratio ${r.ratio})`,
      ['', 'webhooks/s', 'p50 ms', 'p99 ms', 'non-2xx', 'CPU ms/req', 'Redis CPU ms/req', 'others cores'],
      [
        row('connector receiver, saturated', r.receiver.saturated),
        row('baseline: Queue.add only, saturated', r.baseline.saturated),
        row(`connector receiver, ${r.fixedRatePerSecond}/s offered`, r.receiver.atFixedRate),
        row(`baseline, ${r.fixedRatePerSecond}/s offered`, r.baseline.atFixedRate),
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

function endToEndSection(results: BenchResults): string[] {
  const { endToEnd: e, bareLoop: b, nominal: n } = results;
  const rows: Row[] = [];
  if (e)
    rows.push([
      'connector, flood',
      e.accepted,
      e.transfersPerSecond,
      e.webhookToCompleteMs.p50,
      e.webhookToCompleteMs.p99,
      e.failed,
      connectorCpuMs(e.cpu),
      e.cpu.msPerUnit.sandboxes ?? '',
      e.cpu.cores.otherProcesses ?? '',
    ]);
  if (b)
    rows.push([
      'bare loop, no queue',
      b.transfers,
      b.transfersPerSecond,
      b.durationMs.p50,
      b.durationMs.p99,
      b.notSent,
      connectorCpuMs(b.cpu),
      b.cpu.msPerUnit.sandboxes ?? '',
      b.cpu.cores.otherProcesses ?? '',
    ]);
  if (n)
    rows.push([
      `connector, ${n.perMinute}/min`,
      n.accepted,
      n.transfersPerSecond,
      n.webhookToCompleteMs.p50,
      n.webhookToCompleteMs.p99,
      n.failed,
      '',
      '',
      '',
    ]);
  if (rows.length === 0) return [];
  const ratio = e && b ? ` (ratio ${round(e.transfersPerSecond / b.transfersPerSecond, 3)})` : '';
  const concurrency = e?.concurrency ?? b?.concurrency ?? 0;
  return [
    table(
      `End to end: concurrency ${concurrency}${ratio}`,
      [
        '',
        'transfers',
        'per s',
        'p50 ms',
        'p99 ms',
        'failed',
        'CPU ms/transfer',
        'sandbox CPU ms',
        'others cores',
      ],
      rows,
    ),
  ];
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
        ...Object.entries(e.redis.keysOfOneTransfer).map(([key, bytes]): Row => [`  ${key}`, `${bytes} B`]),
      ],
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
    ...endToEndSection(results),
    ...memorySection(results),
    ...targetSection(verdicts),
  ].join('\n\n');
}
