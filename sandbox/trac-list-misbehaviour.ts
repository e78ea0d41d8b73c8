import { z } from 'zod';

/**
 * Ways the applicant list can break trac.md's promises, so that a client can be tested against a
 * Trac that misbehaves: a cursor that leads back to the same page for ever, and an item of another
 * organisation than the one listed. Off by default; a 5xx mid-listing is `list-faults`' business.
 */
export const ListMisbehaviourSchema = z.strictObject({
  /**
   * From this page on (2 or more), a page's `nextCursor` is the cursor it was asked with, so the
   * reader is sent back to the same page for ever. 0 never. Default 0.
   */
  cursorLoopFromPage: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .refine((n) => n !== 1, 'must be 0 (never) or at least 2: page 1 is asked for without a cursor')
    .default(0),
  /** Every page also holds one applicant of another organisation than the one listed. Default false. */
  otherOrganisationItem: z.boolean().default(false),
  /** Only this organisation's listings misbehave; default every organisation's. */
  organisationCode: z
    .string()
    .regex(/^[A-Z0-9]{3,5}$/)
    .optional(),
});
export type ListMisbehaviour = z.output<typeof ListMisbehaviourSchema>;
export type ListMisbehaviourInput = z.input<typeof ListMisbehaviourSchema>;

export const NO_MISBEHAVIOUR: ListMisbehaviour = ListMisbehaviourSchema.parse({});

/** What one answered page looks like before the misbehaviour is applied, and where it came from. */
export interface ServedPage<Item> {
  organisationCode: string;
  pageNumber: number;
  /** The cursor the page was asked with; undefined for page 1. */
  askedWith: string | undefined;
  items: Item[];
  nextCursor: string | null;
}

/**
 * The page as a misbehaving Trac answers it. `otherOrganisationItem` gives the item to add (the
 * caller picks it from its applicants), or undefined when every applicant is of the organisation
 * listed.
 */
export function misbehave<Item>(
  page: ServedPage<Item>,
  settings: ListMisbehaviour,
  otherOrganisationItem: () => Item | undefined,
): { items: Item[]; nextCursor: string | null } {
  const { items, nextCursor } = page;
  if (settings.organisationCode !== undefined && settings.organisationCode !== page.organisationCode)
    return { items, nextCursor };
  const loops =
    settings.cursorLoopFromPage > 0 &&
    page.pageNumber >= settings.cursorLoopFromPage &&
    page.askedWith !== undefined &&
    nextCursor !== null;
  const extra = settings.otherOrganisationItem ? otherOrganisationItem() : undefined;
  return {
    items: extra === undefined ? items : [...items, extra],
    nextCursor: loops ? (page.askedWith ?? null) : nextCursor,
  };
}
