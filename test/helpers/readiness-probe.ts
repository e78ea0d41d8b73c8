/** One answer of `GET /health/ready`: its status (0 when none came) and how long it took. */
export interface ReadinessAnswer {
  at: number;
  status: number;
  ms: number;
}

export interface ReadinessProbe {
  answers: ReadinessAnswer[];
  /** Stops polling; resolves once the request in flight is done. */
  stop(): Promise<void>;
}

/**
 * Polls a receiver's `/health/ready` every `everyMs` as an orchestrator would, recording every
 * answer's status and latency. A request is given up after 5 s (status 0), well past the 2 s the
 * contract allows, so a hang shows as a slow answer rather than a stuck test.
 */
export function probeReadiness(baseUrl: string, everyMs = 150): ReadinessProbe {
  const answers: ReadinessAnswer[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const at = Date.now();
      let status: number;
      try {
        const answer = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5000) });
        status = answer.status;
        await answer.arrayBuffer();
      } catch {
        status = 0; // no answer at all (refused, reset, or given up)
      }
      answers.push({ at, status, ms: Date.now() - at });
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    answers,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
