import { normaliseEsrName } from './esr-names';
import type { DitProvider, EsrApplicant, EsrApplicantPatch, EsrOrganisation } from './esr-data';

/** The fields `GET /dit/v1/applicants` serves (esr.md): the sandbox-only flag is left out. */
export type EsrCandidate = Omit<EsrApplicant, 'holdsProfessionalRegistration'>;

export interface EsrDirectory {
  upsert(applicant: EsrApplicant): void;
  patch(esrApplicantId: string, changes: EsrApplicantPatch): EsrApplicant | undefined;
  get(esrApplicantId: string): EsrApplicant | undefined;
  /** Exact organisation and date of birth, last name under ESR's normalisation; any type or status. */
  search(organisationCode: string, lastName: string, dateOfBirth: string): EsrCandidate[];
  /** Created by the organisation's DiT interface, an applicant, active (esr.md "In scope"). */
  isInScope(applicant: EsrApplicant): boolean;
  holdsProfessionalRegistration(applicant: EsrApplicant): boolean;
  /** After a registration is stored, ESR reports and enforces it. */
  markProfessionalRegistrationHeld(esrApplicantId: string): void;
  organisationCodes(): string[];
  size(): number;
}

function searchKey(organisationCode: string, lastName: string, dateOfBirth: string): string {
  return `${organisationCode}|${dateOfBirth}|${normaliseEsrName(lastName)}`;
}

export function toCandidate(applicant: EsrApplicant): EsrCandidate {
  const candidate: EsrApplicant = { ...applicant };
  delete candidate.holdsProfessionalRegistration;
  return candidate;
}

/**
 * ESR's applicants, indexed by the search key so that a search stays cheap with the benchmark's
 * tens of thousands of applicants.
 */
export function createEsrDirectory(
  organisations: readonly EsrOrganisation[],
  applicants: readonly EsrApplicant[],
): EsrDirectory {
  const providerOf = new Map<string, DitProvider>(organisations.map((o) => [o.code, o.ditProvider]));
  const byId = new Map<string, EsrApplicant>();
  const idsBySearchKey = new Map<string, Set<string>>();
  // Organisation codes in the order their first applicant appears in `byId`; derived once and kept,
  // because every record POST asks and a scan of tens of thousands of applicants is the hot spot.
  let organisationCodes: readonly string[] | undefined;

  function index(applicant: EsrApplicant): void {
    const key = searchKey(applicant.organisationCode, applicant.lastName, applicant.dateOfBirth);
    const ids = idsBySearchKey.get(key) ?? new Set<string>();
    ids.add(applicant.esrApplicantId);
    idsBySearchKey.set(key, ids);
  }

  function unindex(applicant: EsrApplicant): void {
    idsBySearchKey
      .get(searchKey(applicant.organisationCode, applicant.lastName, applicant.dateOfBirth))
      ?.delete(applicant.esrApplicantId);
  }

  /** Whether an upsert may change the organisation codes or their order. */
  function changesOrganisations(previous: EsrApplicant | undefined, next: EsrApplicant): boolean {
    if (previous) return previous.organisationCode !== next.organisationCode;
    // A new applicant goes last in `byId`: only an organisation not seen before changes the list.
    return !(organisationCodes?.includes(next.organisationCode) ?? false);
  }

  function upsert(applicant: EsrApplicant): void {
    const previous = byId.get(applicant.esrApplicantId);
    if (changesOrganisations(previous, applicant)) organisationCodes = undefined;
    if (previous) unindex(previous);
    byId.set(applicant.esrApplicantId, applicant);
    index(applicant);
  }

  for (const applicant of applicants) upsert(applicant);

  return {
    upsert,
    patch(esrApplicantId, changes) {
      const previous = byId.get(esrApplicantId);
      if (!previous) return undefined;
      const next = { ...previous, ...changes };
      upsert(next);
      return next;
    },
    get: (esrApplicantId) => byId.get(esrApplicantId),
    search(organisationCode, lastName, dateOfBirth) {
      const ids = idsBySearchKey.get(searchKey(organisationCode, lastName, dateOfBirth)) ?? new Set<string>();
      return [...ids].flatMap((id) => {
        const applicant = byId.get(id);
        return applicant ? [toCandidate(applicant)] : [];
      });
    },
    isInScope(applicant) {
      // An organisation the seed does not describe accepts either DiT interface.
      const provider = providerOf.get(applicant.organisationCode);
      const fromDitInterface = provider
        ? applicant.recordOrigin === provider
        : applicant.recordOrigin === 'TIS' || applicant.recordOrigin === 'HICOM';
      return (
        fromDitInterface && applicant.personType === 'APPLICANT' && applicant.applicationStatus === 'ACTIVE'
      );
    },
    holdsProfessionalRegistration: (applicant) =>
      applicant.holdsProfessionalRegistration ?? applicant.hasProfessionalRegistration,
    markProfessionalRegistrationHeld(esrApplicantId) {
      const applicant = byId.get(esrApplicantId);
      if (applicant) {
        byId.set(esrApplicantId, {
          ...applicant,
          hasProfessionalRegistration: true,
          holdsProfessionalRegistration: true,
        });
      }
    },
    organisationCodes() {
      organisationCodes ??= [...new Set([...byId.values()].map((a) => a.organisationCode))];
      return [...organisationCodes];
    },
    size: () => byId.size,
  };
}
