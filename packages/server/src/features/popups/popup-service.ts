import type { z } from 'zod';
import type { CreatePopupSchema, CreateSlotSchema } from '@bottega/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { problem } from '../../errors';
import { newId } from '../../platform/ids';

type PopupInput = z.output<typeof CreatePopupSchema>;
type SlotInput = z.output<typeof CreateSlotSchema>;

function interval(startsAt: string, endsAt: string, field: string) {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  if (!(end > start)) {
    throw problem('validation-failed', 'It must end after it starts', {
      errors: [{ field, message: 'must be after startsAt' }],
    });
  }
  return { start, end };
}

/** Creates a pop-up market event of a shop. */
export async function createPopup(
  db: Kysely<Database>,
  shopId: string,
  input: PopupInput,
  coopId: string | null = null,
): Promise<string> {
  const { start, end } = interval(input.startsAt, input.endsAt, 'body.endsAt');
  const id = newId();
  await db
    .insertInto('popups')
    .values({
      id,
      shop_id: shopId,
      coop_id: coopId,
      name: input.name,
      place: input.place,
      starts_at: start,
      ends_at: end,
    })
    .execute();
  return id;
}

/** Adds a pickup slot to one of the shop's pop-ups; 404 for another's. */
export async function createSlot(
  db: Kysely<Database>,
  shopId: string,
  popupId: string,
  input: SlotInput,
): Promise<string> {
  const popup = await db
    .selectFrom('popups')
    .select('id')
    .where('id', '=', popupId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (!popup) throw problem('not-found', `There is no pop-up ${popupId}`);
  const { start, end } = interval(input.startsAt, input.endsAt, 'body.endsAt');

  const id = newId();
  await db
    .insertInto('slots')
    .values({
      id,
      popup_id: popupId,
      shop_id: shopId,
      starts_at: start,
      ends_at: end,
      capacity: input.capacity,
      claimed: 0,
    })
    .execute();
  return id;
}
