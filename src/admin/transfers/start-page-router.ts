import { Router, type Request, type Response } from 'express';
import type { OrganisationDirectory } from '../../../config/organisations';
import { parseTransferId, transferIdOf } from '../../transfer/transfer-ids';
import { triggerStatusWords } from '../../transfer/trigger-status';
import type { AdminAnswer } from '../api/admin-schemas';
import type { AdminOperations } from './admin-operations';
import { identityOf } from '../auth/admin-users';
import type { NoticeFlash } from '../pages/notice-flash';
import { permits } from '../auth/organisation-scope';
import { noticeLocation } from '../pages/page-notices';
import { pagePolicy } from '../pages/page-policy';
import { performWrite, type WriteDeps } from '../audit/perform-write';
import { renderStartPage, type StartField, type StartFormState } from './start-page-html';

export interface StartPageDeps extends WriteDeps {
  operations: AdminOperations;
  organisations: OrganisationDirectory;
  notices: NoticeFlash;
  /** `TRIGGER_STATUSES`, named where HR reads them. */
  triggerStatuses: readonly string[];
}

const APPLICANT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ORGANISATION_CODE = /^[A-Z0-9]{3,5}$/;

/** What HR typed, trimmed; anything else the form may carry (its token, unknown fields) left out. */
function typedValues(source: Record<string, unknown>): Partial<Record<StartField, string>> {
  const text = (name: StartField) => (typeof source[name] === 'string' ? source[name].trim() : '');
  const values: Partial<Record<StartField, string>> = {};
  if (text('organisationCode')) values.organisationCode = text('organisationCode');
  if (text('applicantId')) values.applicantId = text('applicantId').slice(0, 200);
  return values;
}

/** The applicant id's problem in HR's words, from the value itself: empty, too long, or other characters. */
function applicantIdError(value: string | undefined): string {
  if (!value) return 'Enter the Trac applicant id';
  if (value.length > 64) return 'Enter a Trac applicant id of at most 64 characters';
  return 'Enter a Trac applicant id of letters, digits, - and _ only, for example A-100234';
}

/** Each refusal of a manual start, at the field it is about (or none), in HR's words. */
function formStateOf(
  answer: AdminAnswer,
  values: StartFormState['values'],
  triggerStatuses: readonly string[],
): StartFormState {
  const body = answer.body as { error?: string; issues?: { path: string }[] };
  const errors: StartFormState['errors'] = {};
  const at = (field: StartField, text: string) => ({ values, errors: { ...errors, [field]: text } });
  switch (body.error) {
    case 'invalid_body': {
      const paths = (body.issues ?? []).map((issue) => issue.path);
      if (paths.includes('organisationCode')) errors.organisationCode = 'Select the organisation';
      if (paths.includes('applicantId') || !APPLICANT_ID.test(values.applicantId ?? '')) {
        errors.applicantId = applicantIdError(values.applicantId);
      }
      return { values, errors };
    }
    case 'organisation_not_enabled':
      return at('organisationCode', 'That organisation is not enabled for this service: select another');
    case 'organisation_not_permitted':
      return at('organisationCode', 'You do not act for that organisation: ask its HR team to start it');
    case 'organisation_mismatch':
      return at(
        'organisationCode',
        'Trac holds this applicant under another organisation: select the organisation Trac names',
      );
    case 'trac_applicant_not_found':
      return at('applicantId', 'Trac holds no applicant with this id: check the id in Trac');
    case 'status_not_trigger':
      return at(
        'applicantId',
        `This applicant's status in Trac is not ${triggerStatusWords(triggerStatuses)}, so no transfer was started`,
      );
    case 'already_completed':
      return at('applicantId', "This applicant's transfer already completed: it is never sent again");
    case 'already_queued':
      return at('applicantId', "This applicant's transfer is already queued or running");
    case 'trac_unavailable':
      return {
        values,
        errors,
        problem: 'Trac did not answer, so nothing was started. Try again in a few minutes.',
      };
    case 'trac_rejected':
      return {
        values,
        errors,
        problem:
          "Trac refused the connector's request, so nothing was started. Ask the connector's operators to check its Trac access.",
      };
    default:
      return { values, errors, problem: 'The transfer could not be started. Try again in a few minutes.' };
  }
}

/**
 * The manual start as HR pages: `GET /admin/start` (the form alone, filled in from the address,
 * e.g. from a search or a transfer that was not found) and its action `POST /admin/actions/start`.
 * A started transfer answers POST → 303 → the overview with its notice; a refusal answers the
 * form again, with the summary at the top linking to the field, the message at the field and the
 * values typed kept.
 */
export function createStartPageRouter(deps: StartPageDeps): Router {
  const router = Router();
  const organisationsOf = (res: Response) =>
    deps.organisations.all().filter((o) => permits(identityOf(res).organisations, o.code));

  router.get('/start', pagePolicy, (req, res) => {
    // a transfer that was not found names both: `?transfer=R0A-A-1`
    const transfer = typeof req.query.transfer === 'string' ? parseTransferId(req.query.transfer) : undefined;
    const query = typedValues({ ...req.query, ...transfer });
    const values = {
      ...(ORGANISATION_CODE.test(query.organisationCode ?? '')
        ? { organisationCode: query.organisationCode }
        : {}),
      ...(APPLICANT_ID.test(query.applicantId ?? '') ? { applicantId: query.applicantId } : {}),
    };
    const page = renderStartPage({
      identity: identityOf(res),
      organisations: organisationsOf(res),
      triggerStatuses: deps.triggerStatuses,
      state: { values, errors: {} },
    });
    res.type('html').send(page);
  });

  router.post('/actions/start', pagePolicy, async (req: Request, res) => {
    const values = typedValues((req.body ?? {}) as Record<string, unknown>);
    const write = () => deps.operations.start(identityOf(res).organisations, values);
    const answer = await performWrite(deps, req, res, 'start', write, 'manual start');
    const refused = answer.status === 403 && answer.body.error !== 'organisation_not_permitted';
    if (refused) return void res.status(403).json(answer.body);
    if (answer.status === 202) {
      const { organisationCode = '', applicantId = '' } = values;
      const location = noticeLocation(answer, transferIdOf(organisationCode, applicantId));
      await deps.notices.note(identityOf(res), location);
      return res.redirect(303, location);
    }
    const page = renderStartPage({
      identity: identityOf(res),
      organisations: organisationsOf(res),
      triggerStatuses: deps.triggerStatuses,
      state: formStateOf(answer, values, deps.triggerStatuses),
    });
    res.status(answer.status).type('html').send(page);
  });

  return router;
}
