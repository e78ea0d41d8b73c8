import request from 'supertest';
import type { TracSandboxApplicant, TracSandboxOptions } from '../../../sandbox';
import { aTracApp } from './sandbox-kit';

export interface ListedSpec {
  organisationCode?: string;
  status?: string;
  statusChangedAt?: string;
  doctorInTraining?: boolean;
}

/** A Trac applicant for list tests: R0A, recruited, a doctor in training, changed at 10:00 Z. */
export function aListedApplicant(applicantId: string, spec: ListedSpec = {}): TracSandboxApplicant {
  return {
    applicant: {
      applicantId,
      organisationCode: spec.organisationCode ?? 'R0A',
      vacancyReference: 'DIT-2026-08-CT1',
      status: spec.status ?? 'Outcome: Recruited',
      statusChangedAt: spec.statusChangedAt ?? '2026-06-14T10:00:00Z',
      staffGroup: 'Medical and Dental',
      doctorInTraining: spec.doctorInTraining ?? true,
      person: { forename: 'Aoife', surname: 'O’Brien', dateOfBirth: '1994-03-17', niNumber: 'QQ123456C' },
    },
    checks: {},
  };
}

/** `count` R0A applicants `L-001`…, one minute apart from 10:00 Z. */
export function someListedApplicants(count: number): TracSandboxApplicant[] {
  return Array.from({ length: count }, (_, i) =>
    aListedApplicant(`L-${String(i + 1).padStart(3, '0')}`, {
      statusChangedAt: new Date(Date.parse('2026-06-14T10:00:00Z') + i * 60_000).toISOString(),
    }),
  );
}

export interface ListPageBody {
  items: { applicantId: string; [field: string]: unknown }[];
  nextCursor: string | null;
}

/** The Trac sandbox app holding only the given applicants, with an authorised `list(query)`. */
export async function aListingTrac(applicants: TracSandboxApplicant[], options: TracSandboxOptions = {}) {
  const trac = aTracApp({ applicants, ...options });
  const bearer = `Bearer ${await trac.token()}`;
  const list = (query: string) =>
    request(trac.app).get(`/api/v1/applicants?${query}`).set('Authorization', bearer);
  /** Follows `nextCursor` from the first page to the last; every page's body in order. */
  async function readAllPages(query: string): Promise<ListPageBody[]> {
    const pages: ListPageBody[] = [];
    let cursor: string | null = null;
    do {
      const answer = await list(cursor === null ? query : `${query}&cursor=${cursor}`);
      if (answer.status !== 200) throw new Error(`list answered ${answer.status}`);
      const page = answer.body as ListPageBody;
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 1000);
    return pages;
  }
  const get = (path: string) => request(trac.app).get(path).set('Authorization', bearer);
  return { ...trac, list, get, readAllPages };
}

export const idsOf = (page: ListPageBody) => page.items.map((item) => item.applicantId);
