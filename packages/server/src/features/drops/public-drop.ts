import { dropPhase, type DropPhase } from '@bottega/domain';
import { consumerAvailable } from '../stock/ledger';
import { problem } from '../../errors';
import type { Deps } from '../../platform/deps';
import {
  findDrop,
  findDropItems,
  findHubOptions,
  findSlotOptions,
  type DropItemRow,
  type DropRow,
  type HubOptionRow,
  type SlotOptionRow,
} from './drop-queries';

/** A drop as the storefront shows it. */
export interface PublicDrop {
  id: string;
  shopId: string;
  shopName: string;
  title: string;
  phase: DropPhase;
  opensAt: string;
  closesAt: string;
  minimumUnits: number | null;
  unitsClaimed: number;
  eventSeq: number;
  items: PublicDropItem[];
  pickup: {
    slots: PublicSlot[];
    hubs: PublicHub[];
    shipping: boolean;
  };
}

interface PublicDropItem {
  variantId: string;
  productId: string;
  productName: string;
  variantName: string;
  priceCents: number;
  ivaRateBp: number;
  available: number;
}

interface PublicSlot {
  slotId: string;
  popupId: string;
  popupName: string;
  place: string;
  startsAt: string;
  endsAt: string;
  remaining: number;
}

interface PublicHub {
  hubId: string;
  name: string;
  kind: 'locker' | 'bench';
  address: string;
  remaining: number;
}

/**
 * The public view of a drop with live availability and pickup options.
 * Drafts are not public.
 */
export async function getPublicDrop(
  deps: Deps,
  dropId: string,
): Promise<PublicDrop> {
  const db = deps.db.reader;
  const drop = await findDrop(db, dropId);
  if (!drop || drop.status === 'draft') {
    throw problem('not-found', `There is no drop ${dropId}`);
  }
  const [items, slots, hubs, shop] = await Promise.all([
    findDropItems(db, dropId),
    findSlotOptions(db, dropId),
    findHubOptions(db, dropId),
    db
      .selectFrom('shops')
      .select('name')
      .where('id', '=', drop.shop_id)
      .executeTakeFirstOrThrow(),
  ]);
  return presentPublicDrop(
    drop,
    shop.name,
    items,
    slots,
    hubs,
    deps.clock.now(),
  );
}

/** Shapes a drop for the storefront: only what buyers may see. */
export function presentPublicDrop(
  drop: DropRow,
  shopName: string,
  items: DropItemRow[],
  slots: SlotOptionRow[],
  hubs: HubOptionRow[],
  now: number,
): PublicDrop {
  return {
    id: drop.id,
    shopId: drop.shop_id,
    shopName,
    title: drop.title,
    phase: dropPhase(drop.status, toWindow(drop), now),
    opensAt: new Date(drop.opens_at).toISOString(),
    closesAt: new Date(drop.closes_at).toISOString(),
    minimumUnits: drop.minimum_units,
    unitsClaimed: items.reduce((sum, item) => sum + item.claimed, 0),
    eventSeq: drop.event_seq,
    items: items.map((item) => ({
      variantId: item.variant_id,
      productId: item.product_id,
      productName: item.product_name,
      variantName: item.variant_name,
      priceCents: item.price_cents,
      ivaRateBp: item.iva_rate_bp,
      available: consumerAvailable(item),
    })),
    pickup: {
      slots: slots.map((slot) => ({
        slotId: slot.id,
        popupId: slot.popup_id,
        popupName: slot.popup_name,
        place: slot.place,
        startsAt: new Date(slot.starts_at).toISOString(),
        endsAt: new Date(slot.ends_at).toISOString(),
        remaining: slot.capacity - slot.claimed,
      })),
      hubs: hubs.map((hub) => ({
        hubId: hub.id,
        name: hub.name,
        kind: hub.kind,
        address: hub.address,
        remaining: hub.capacity - hub.claimed,
      })),
      shipping: drop.shipping === 1,
    },
  };
}

/** A drop's preorder window. */
export function toWindow(drop: DropRow): { opensAt: number; closesAt: number } {
  return { opensAt: drop.opens_at, closesAt: drop.closes_at };
}
