import { RECORD_DEFINITIONS } from '../../../src/records';
import { validateEsrBody } from '../../helpers/esr-body-validation';
import { dbsBodySchema } from '../../../src/records/dbs-record';
import { esrBodySchemaFor } from '../../../src/records/esr-body-schema-cache';
import { euStatusBodySchema } from '../../../src/records/eu-status-record';
import { aDbsCheck, aMapContext } from '../../helpers/record-builders';
import { mapToBody, TODAY, TOMORROW } from './record-test-kit';

describe('ESR body schemas, built once a day', () => {
  it('when the same record type is asked twice on one day, then the same schema object is reused', () => {
    const first = esrBodySchemaFor(dbsBodySchema, TODAY);

    const second = esrBodySchemaFor(dbsBodySchema, TODAY);

    expect(second).toBe(first);
  });

  it('when the day changes, then a new schema is built, and the old day gets another again', () => {
    const today = esrBodySchemaFor(dbsBodySchema, TODAY);

    const tomorrow = esrBodySchemaFor(dbsBodySchema, TOMORROW);
    const todayAgain = esrBodySchemaFor(dbsBodySchema, TODAY);

    expect(tomorrow).not.toBe(today);
    expect(todayAgain).not.toBe(today);
    expect(todayAgain).not.toBe(tomorrow);
  });

  it('when two record types are asked on one day, then each has its own schema', () => {
    expect(esrBodySchemaFor(euStatusBodySchema, TODAY)).not.toBe(esrBodySchemaFor(dbsBodySchema, TODAY));
  });

  it('when a date is tomorrow, then it is future today, allowed tomorrow and future again today', () => {
    const body = {
      ...(mapToBody(RECORD_DEFINITIONS.dbs, aDbsCheck()) as object),
      checkCompletedDate: TOMORROW,
    };
    const futureCompletion = {
      ok: false,
      errors: [{ field: 'checkCompletedDate', message: 'must not be in the future' }],
    };

    const onToday = validateEsrBody('dbs', body, TODAY);
    const onTomorrow = validateEsrBody('dbs', body, TOMORROW);
    const onTodayAgain = validateEsrBody('dbs', body, TODAY);

    expect([onToday, onTomorrow, onTodayAgain]).toEqual([futureCompletion, { ok: true }, futureCompletion]);
  });

  it('when a check completed tomorrow is mapped today, then the problem is found; tomorrow it maps', () => {
    const check = aDbsCheck({}, `${TOMORROW}T09:00:00Z`);
    const map = (today: string) => RECORD_DEFINITIONS.dbs.map(check, aMapContext({ today }));

    expect([map(TODAY).ok, map(TOMORROW).ok, map(TODAY).ok]).toEqual([false, true, false]);
  });
});
