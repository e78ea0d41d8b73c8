import { checkEsrBody } from '../../../sandbox/esr-body-rules';
import { RECORD_TYPES, type RecordType } from '../../../sandbox/record-types';
import {
  aChecklistItem,
  aDbsBody,
  anEmploymentChecklistBody,
  anEuStatusBody,
  anIllegalWorkingChecklistBody,
  aProfessionalRegistrationBody,
  aReferenceItem,
  aReferencesBody,
} from '../../integration/sandbox/esr-bodies';

/**
 * The ESR sandbox's own body rules, one case per rule of docs/records.md. Nothing here comes from
 * the connector's src/records: this is the reading of the documents that a mapping bug is caught by.
 */
const TODAY = '2026-06-14';

const VALID: Readonly<Record<RecordType, () => Record<string, unknown>>> = {
  dbs: aDbsBody,
  'professional-registration': aProfessionalRegistrationBody,
  references: aReferencesBody,
  'employment-checklist': anEmploymentChecklistBody,
  'illegal-working-checklist': anIllegalWorkingChecklistBody,
  'eu-status': anEuStatusBody,
};

/** The fields ESR names for a refused body; [] when it is accepted. */
function refusedFields(recordType: RecordType, body: unknown): string[] {
  const verdict = checkEsrBody(recordType, JSON.parse(JSON.stringify(body)) as unknown, TODAY);
  return verdict.ok ? [] : verdict.errors.map((e) => e.field);
}

const gdc = { registrationBody: 'GDC', registrationNumber: '281734', licenceToPractise: undefined };
const gdcNoRegisters = { ...gdc, specialistRegister: undefined, gpRegister: undefined };
const manual = { checkMethod: 'MANUAL', shareCode: undefined, documentList: 'LIST_B_GROUP_1' };
const unlimited = { permissionType: 'UNLIMITED', permissionExpiryDate: undefined, followUpDate: undefined };
const pending = { settlementStatus: 'APPLICATION_PENDING', shareCode: undefined, ecsReference: 'ECS-55731' };

describe('ESR sandbox body rules: what records.md allows', () => {
  it.each(RECORD_TYPES)('when a %s body follows records.md, then it is accepted', (recordType) => {
    expect(checkEsrBody(recordType, VALID[recordType](), TODAY)).toEqual({ ok: true });
  });

  it.each<[string, RecordType, Record<string, unknown>]>([
    [
      'a BASIC DBS without workforce',
      'dbs',
      {
        disclosureLevel: 'BASIC',
        barredLists: undefined,
        workforce: undefined,
        updateServiceSubscribed: false,
      },
    ],
    [
      'a BASIC DBS with a workforce ("required unless": optional, sent when held)',
      'dbs',
      { disclosureLevel: 'BASIC', barredLists: undefined, updateServiceSubscribed: false },
    ],
    [
      'a DBS with neither Update Service date nor result',
      'dbs',
      { updateServiceCheckDate: undefined, updateServiceResult: undefined },
    ],
    ['a DBS Update Service check on the issue date', 'dbs', { updateServiceCheckDate: '2026-04-20' }],
    ['a GDC registration with no licence and no registers', 'professional-registration', gdcNoRegisters],
    [
      'a GDC number of 3 digits',
      'professional-registration',
      { ...gdcNoRegisters, registrationNumber: '123' },
    ],
    ['a GMC provisional registration', 'professional-registration', { registrationType: 'PROVISIONAL' }],
    [
      'a registration without optional dates',
      'professional-registration',
      { revalidationDate: undefined, specialistRegister: undefined },
    ],
    [
      'a refused reference without a received date',
      'references',
      { references: [aReferenceItem({ outcome: 'REFUSED', receivedDate: undefined })] },
    ],
    ['ten references', 'references', { references: Array.from({ length: 10 }, () => aReferenceItem()) }],
    [
      'a reference received on the day it was requested',
      'references',
      { references: [aReferenceItem({ receivedDate: '2026-05-01' })] },
    ],
    [
      'a checklist without an unconditional offer',
      'employment-checklist',
      { unconditionalOfferDate: undefined },
    ],
    [
      'a manual right-to-work check on List A, unlimited',
      'illegal-working-checklist',
      { ...manual, ...unlimited, documentList: 'LIST_A' },
    ],
    [
      'an IDSP check',
      'illegal-working-checklist',
      { checkMethod: 'IDSP', shareCode: undefined, idspProvider: 'Yoti' },
    ],
    [
      'an Employer Checking Service check',
      'illegal-working-checklist',
      { checkMethod: 'EMPLOYER_CHECKING_SERVICE', shareCode: undefined, ecsReference: 'ECS-1' },
    ],
    ['a follow-up on the expiry date', 'illegal-working-checklist', { followUpDate: '2028-09-30' }],
    ['a pending EU application with an ECS reference and no share code', 'eu-status', pending],
    [
      'a pending EU application that also has a share code',
      'eu-status',
      { ...pending, shareCode: 'W1A2B3C4D' },
    ],
    [
      'pre-settled status with expiry and follow-up',
      'eu-status',
      { settlementStatus: 'PRE_SETTLED', expiryDate: '2029-05-12', followUpDate: '2029-02-12' },
    ],
  ])('when the body is %s, then it is accepted', (_label, recordType, overrides) => {
    expect(refusedFields(recordType, { ...VALID[recordType](), ...overrides })).toEqual([]);
  });
});

describe('ESR sandbox body rules: what records.md refuses', () => {
  it.each<[string, RecordType, Record<string, unknown>, string]>([
    // Trac's labels are not ESR's codes: a body that carries the label was not mapped
    [
      "Trac's level label instead of the code",
      'dbs',
      { disclosureLevel: 'Enhanced with Barred List(s)' },
      'disclosureLevel',
    ],
    [
      'Trac\'s reference outcome label "Success"',
      'references',
      { references: [aReferenceItem({ outcome: 'Success' })] },
      'references[0].outcome',
    ],
    ['a lower-case code', 'eu-status', { settlementStatus: 'settled' }, 'settlementStatus'],
    ['"Yes" instead of true', 'dbs', { updateServiceSubscribed: 'Yes' }, 'updateServiceSubscribed'],
    // fields records.md never sends: identity, health, free text
    ['a DBS disclosureContent', 'dbs', { disclosureContent: 'none' }, 'disclosureContent'],
    [
      'a referee email',
      'references',
      { references: [aReferenceItem({ refereeEmail: 'r@example.org' })] },
      'references[0].refereeEmail',
    ],
    [
      'a checklist note',
      'employment-checklist',
      { items: [aChecklistItem({ notes: 'seen' })] },
      'items[0].notes',
    ],
    [
      'an identity document number',
      'illegal-working-checklist',
      { documentNumber: 'PA9256654' },
      'documentNumber',
    ],
    ['a nationality', 'eu-status', { nationality: 'Irish' }, 'nationality'],
    [
      'a source with an extra field',
      'dbs',
      {
        source: {
          system: 'TRAC',
          applicantId: 'A-1',
          completedAt: '2026-06-02T15:40:00Z',
          niNumber: 'QQ123456C',
        },
      },
      'source.niNumber',
    ],
    // DBS
    [
      'barred lists on an ENHANCED (not barred) certificate',
      'dbs',
      { disclosureLevel: 'ENHANCED' },
      'barredLists',
    ],
    ['no barred lists on ENHANCED_BARRED', 'dbs', { barredLists: undefined }, 'barredLists'],
    [
      'no workforce on a STANDARD certificate',
      'dbs',
      { disclosureLevel: 'STANDARD', barredLists: undefined, workforce: undefined },
      'workforce',
    ],
    [
      'a BASIC certificate on the Update Service',
      'dbs',
      { disclosureLevel: 'BASIC', barredLists: undefined },
      'updateServiceSubscribed',
    ],
    [
      'an Update Service result without its date',
      'dbs',
      { updateServiceCheckDate: undefined },
      'updateServiceCheckDate',
    ],
    [
      'an Update Service date without its result',
      'dbs',
      { updateServiceResult: undefined },
      'updateServiceCheckDate',
    ],
    [
      'an Update Service check before the issue date',
      'dbs',
      { updateServiceCheckDate: '2026-04-19' },
      'updateServiceCheckDate',
    ],
    ['an 11-digit certificate number', 'dbs', { certificateNumber: '00100010023' }, 'certificateNumber'],
    ['a certificate number with a space', 'dbs', { certificateNumber: '0010 00100234' }, 'certificateNumber'],
    ['a completion date in the future', 'dbs', { checkCompletedDate: '2026-06-15' }, 'checkCompletedDate'],
    ['an impossible date', 'dbs', { issueDate: '2026-02-29' }, 'issueDate'],
    // professional registration
    [
      'a 6-digit GMC number',
      'professional-registration',
      { registrationNumber: '710023' },
      'registrationNumber',
    ],
    [
      'a 7-digit GDC number',
      'professional-registration',
      { ...gdcNoRegisters, registrationNumber: '2817345' },
      'registrationNumber',
    ],
    [
      'a GDC provisional registration',
      'professional-registration',
      { ...gdcNoRegisters, registrationType: 'PROVISIONAL' },
      'registrationType',
    ],
    [
      'a GMC registration without licence to practise',
      'professional-registration',
      { licenceToPractise: undefined },
      'licenceToPractise',
    ],
    [
      'a GDC registration with a licence to practise',
      'professional-registration',
      { ...gdcNoRegisters, licenceToPractise: true },
      'licenceToPractise',
    ],
    [
      'a GDC registration with a GP register flag',
      'professional-registration',
      { ...gdc, specialistRegister: undefined },
      'gpRegister',
    ],
    [
      'an expiry on the registration date',
      'professional-registration',
      { expiryDate: '2019-08-07' },
      'expiryDate',
    ],
    // references
    ['no references', 'references', { references: [] }, 'references'],
    [
      'eleven references',
      'references',
      { references: Array.from({ length: 11 }, () => aReferenceItem()) },
      'references',
    ],
    [
      'a satisfactory reference without a received date',
      'references',
      { references: [aReferenceItem({ receivedDate: undefined })] },
      'references[0].receivedDate',
    ],
    [
      'a reference received before it was requested',
      'references',
      { references: [aReferenceItem({ receivedDate: '2026-04-30' })] },
      'references[0].receivedDate',
    ],
    [
      'a period ending before it starts',
      'references',
      { references: [aReferenceItem({ periodTo: '2024-08-06' })] },
      'references[0].periodTo',
    ],
    [
      'a referee name of 151 characters',
      'references',
      { references: [aReferenceItem({ refereeName: 'x'.repeat(151) })] },
      'references[0].refereeName',
    ],
    [
      'an empty referee organisation',
      'references',
      { references: [aReferenceItem({ refereeOrganisation: '' })] },
      'references[0].refereeOrganisation',
    ],
    // employment checklist
    [
      'an identity line',
      'employment-checklist',
      { items: [aChecklistItem({ check: 'IDENTITY' })] },
      'items[0].check',
    ],
    [
      'the same check twice',
      'employment-checklist',
      { items: [aChecklistItem(), aChecklistItem()] },
      'items[1].check',
    ],
    ['no items', 'employment-checklist', { items: [] }, 'items'],
    [
      'a complete item without its date',
      'employment-checklist',
      { items: [aChecklistItem({ completedDate: undefined })] },
      'items[0].completedDate',
    ],
    [
      'an outstanding item with a date',
      'employment-checklist',
      { items: [aChecklistItem({ status: 'OUTSTANDING' })] },
      'items[0].completedDate',
    ],
    [
      'an unconditional offer before the conditional one',
      'employment-checklist',
      { unconditionalOfferDate: '2026-03-01' },
      'unconditionalOfferDate',
    ],
    // illegal working checklist
    [
      'a manual check without its document list',
      'illegal-working-checklist',
      { ...manual, documentList: undefined },
      'documentList',
    ],
    [
      'a manual check that still carries a share code',
      'illegal-working-checklist',
      { ...manual, shareCode: 'W7K2M9P4Q' },
      'shareCode',
    ],
    [
      'an online check without a share code',
      'illegal-working-checklist',
      { shareCode: undefined },
      'shareCode',
    ],
    ['a lower-case share code', 'illegal-working-checklist', { shareCode: 'w7k2m9p4q' }, 'shareCode'],
    [
      'List A with time-limited permission',
      'illegal-working-checklist',
      { ...manual, documentList: 'LIST_A' },
      'permissionType',
    ],
    [
      'time-limited permission without an expiry',
      'illegal-working-checklist',
      { permissionExpiryDate: undefined },
      'permissionExpiryDate',
    ],
    [
      'unlimited permission with an expiry',
      'illegal-working-checklist',
      { permissionType: 'UNLIMITED', followUpDate: undefined },
      'permissionExpiryDate',
    ],
    [
      'an expiry on the check date',
      'illegal-working-checklist',
      { permissionExpiryDate: '2026-05-12', followUpDate: '2026-05-12' },
      'permissionExpiryDate',
    ],
    [
      'a follow-up after the expiry',
      'illegal-working-checklist',
      { followUpDate: '2028-10-01' },
      'followUpDate',
    ],
    [
      'restrictions of 501 characters',
      'illegal-working-checklist',
      { workRestrictions: 'x'.repeat(501) },
      'workRestrictions',
    ],
    // EU status
    ['settled status without a share code', 'eu-status', { shareCode: undefined }, 'shareCode'],
    ['settled status with an ECS reference', 'eu-status', { ecsReference: 'ECS-1' }, 'ecsReference'],
    [
      'a pending application without an ECS reference',
      'eu-status',
      { ...pending, ecsReference: undefined },
      'ecsReference',
    ],
    [
      'pre-settled status without an expiry',
      'eu-status',
      { settlementStatus: 'PRE_SETTLED', followUpDate: '2029-02-12' },
      'expiryDate',
    ],
    ['settled status with an expiry', 'eu-status', { expiryDate: '2029-05-12' }, 'expiryDate'],
    // source
    ['no source', 'eu-status', { source: undefined }, 'source'],
    [
      'a source from another system',
      'eu-status',
      { source: { system: 'ESR', applicantId: 'A-1', completedAt: '2026-05-12T11:20:00Z' } },
      'source.system',
    ],
    [
      'a completion time that is only a date',
      'eu-status',
      { source: { system: 'TRAC', applicantId: 'A-1', completedAt: '2026-05-12' } },
      'source.completedAt',
    ],
  ])('when the body has %s, then it is refused naming that field', (_label, recordType, overrides, field) => {
    expect(refusedFields(recordType, { ...VALID[recordType](), ...overrides })).toEqual([field]);
  });

  it('when the body is not an object, then it is refused on body', () => {
    expect(checkEsrBody('dbs', [aDbsBody()], TODAY)).toEqual({
      ok: false,
      errors: [{ field: 'body', message: 'must be a JSON object' }],
    });
  });

  it('when a body breaks several rules, then every field is named once, with a message that says what is wrong', () => {
    const verdict = checkEsrBody(
      'dbs',
      aDbsBody({ certificateNumber: '1', checkCompletedDate: '2030-01-01', niNumber: 'x' }),
      TODAY,
    );

    expect(verdict).toEqual({
      ok: false,
      errors: [
        { field: 'certificateNumber', message: 'must be 12 digits' },
        { field: 'checkCompletedDate', message: 'must not be in the future' },
        { field: 'niNumber', message: 'is not allowed' },
      ],
    });
  });

  it('when an inherited key is sent as a field, then it is refused as unknown, not read from the prototype', () => {
    const body = JSON.parse(`{"constructor":{},${JSON.stringify(anEuStatusBody()).slice(1)}`) as unknown;

    expect(refusedFields('eu-status', body)).toEqual(['constructor']);
  });
});
