import { z } from 'zod';
import type { Kysely, Selectable } from 'kysely';
import type { Database, PopupsTable, SlotsTable } from '../../db/schema';
import { problem } from '../../errors';

/** A pickup slot with what is left of its capacity. */
export const SlotViewSchema = z.object({
  id: z.uuid(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  capacity: z.number().int(),
  claimed: z.number().int(),
  remaining: z.number().int(),
});
export type SlotView = z.infer<typeof SlotViewSchema>;

/** A pop-up in the shop's list. */
export const PopupSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  place: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  coopId: z.uuid().nullable(),
});
export type PopupSummary = z.infer<typeof PopupSummarySchema>;

/** A pop-up with its pickup slots. */
export const PopupViewSchema = PopupSummarySchema.extend({
  slots: z.array(SlotViewSchema),
});
export type PopupView = z.infer<typeof PopupViewSchema>;

/** Most pop-ups one listing returns, latest first. */
export const POPUP_LIST_LIMIT = 200;

/** The shop's pop-ups, latest first. */
export async function listPopups(
  db: Kysely<Database>,
  shopId: string,
): Promise<PopupSummary[]> {
  const rows = await db
    .selectFrom('popups')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .limit(POPUP_LIST_LIMIT)
    .execute();
  return rows.map(presentPopupSummary);
}

/** One of the shop's pop-ups with its slots; 404 for another shop's. */
export async function getPopup(
  db: Kysely<Database>,
  shopId: string,
  popupId: string,
): Promise<PopupView> {
  const popup = await db
    .selectFrom('popups')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', popupId)
    .executeTakeFirst();
  if (!popup) throw problem('not-found', `There is no pop-up ${popupId}`);

  const slots = await db
    .selectFrom('slots')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('popup_id', '=', popupId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  return { ...presentPopupSummary(popup), slots: slots.map(presentSlot) };
}

/** One slot of the shop; 404 for another shop's. */
export async function getSlot(
  db: Kysely<Database>,
  shopId: string,
  slotId: string,
): Promise<SlotView> {
  const slot = await db
    .selectFrom('slots')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', slotId)
    .executeTakeFirst();
  if (!slot) throw problem('not-found', `There is no slot ${slotId}`);
  return presentSlot(slot);
}

function presentPopupSummary(popup: Selectable<PopupsTable>): PopupSummary {
  return {
    id: popup.id,
    name: popup.name,
    place: popup.place,
    startsAt: new Date(popup.starts_at).toISOString(),
    endsAt: new Date(popup.ends_at).toISOString(),
    coopId: popup.coop_id,
  };
}

function presentSlot(slot: Selectable<SlotsTable>): SlotView {
  return {
    id: slot.id,
    startsAt: new Date(slot.starts_at).toISOString(),
    endsAt: new Date(slot.ends_at).toISOString(),
    capacity: slot.capacity,
    claimed: slot.claimed,
    remaining: slot.capacity - slot.claimed,
  };
}
