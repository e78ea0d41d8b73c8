import { rssMiB, round } from './process-stats';

export interface RssFigures {
  /** Sum over the worker processes, MiB: idle before the first webhook, half done, all done. */
  start: number;
  middle: number;
  end: number;
  /** Lowest and highest sample between start and end (one a second). */
  min: number;
  max: number;
  /** (end − middle) / middle: the flatness the target bounds (±10 %). */
  middleToEnd: number;
}

/** Samples the workers' RSS: once a second for the range, and at the three named moments. */
export class WorkerMemory {
  private readonly samples: number[] = [];
  private readonly marks: Partial<Record<'start' | 'middle' | 'end', number>> = {};
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: readonly number[]) {}

  private sample(): number {
    const total = this.pids.reduce((sum, pid) => sum + rssMiB(pid), 0);
    this.samples.push(total);
    return total;
  }

  start(): void {
    this.marks.start = this.sample();
    this.timer = setInterval(() => {
      try {
        this.sample();
      } catch {
        this.stop(); // a worker is gone (the run is being stopped): nothing left to sample
      }
    }, 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Notes the middle sample the first time half the transfers have finished. */
  progress(finished: number, expected: number): void {
    if (this.marks.middle === undefined && finished >= expected / 2) this.marks.middle = this.sample();
  }

  end(): RssFigures {
    this.stop();
    const end = this.sample();
    const start = this.marks.start ?? end;
    const middle = this.marks.middle ?? end;
    return {
      start: round(start),
      middle: round(middle),
      end: round(end),
      min: round(Math.min(...this.samples)),
      max: round(Math.max(...this.samples)),
      middleToEnd: round((end - middle) / middle, 3),
    };
  }
}
