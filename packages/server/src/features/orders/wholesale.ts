import {
  BasisPoints,
  Cents,
  Units,
  dropPhase,
  ivaIncluded,
} from '@bottega/domain';
import type { z } from 'zod';
import type { CreateWholesaleOrderSchema } from '@bottega/domain';
import { problem } from '../../errors';
import { inTransaction, type Deps } from '../../platform/deps';
import { newId, newPickupCode } from '../../platform/ids';
import { ChangeSet, recordAvailability } from '../events/drop-events';
import { runOnce, type StoredResponse } from '../idempotency/idempotency';
import { dropItemIds, requireItem } from '../drops/holds';
import { findDrop } from '../drops/drop-queries';
import { toWindow } from '../drops/public-drop';
import { claimDropItem } from '../stock/ledger';
import { loadOrderView } from './order-queries';
import { presentOrder } from './present-order';

type WholesaleInput = z.infer<typeof CreateWholesaleOrderSchema>;

/**
 * A wholesale order from a reseller, placed by the shop: it may draw on
 * the contingency that consumers cannot buy. Allowed while the drop is
 * open, closed or confirmed.
 */
export async function placeWholesaleOrder(
  deps: Deps,
  shopId: string,
  dropId: string,
  input: WholesaleInput,
  idempotencyKey: string,
): Promise<StoredResponse> {
  return inTransaction(deps, (tx) =>
    runOnce(
      tx,
      `wholesale:${shopId}:${dropId}`,
      idempotencyKey,
      input,
      async () => {
        const drop = await findDrop(tx.db, dropId);
        if (!drop || drop.shop_id !== shopId) {
          throw problem('not-found', `There is no drop ${dropId}`);
        }
        const phase = dropPhase(drop.status, toWindow(drop), tx.now);
        if (phase !== 'open' && phase !== 'closed' && phase !== 'confirmed') {
          throw problem('invalid-state', `The drop is ${phase}`);
        }

        const items = await dropItemIds(tx, dropId);
        const orderId = newId();
        const changes = new ChangeSet();
        const prices = new Map(
          (
            await tx.db
              .selectFrom('variants')
              .select(['id', 'price_cents', 'iva_rate_bp'])
              .where('shop_id', '=', shopId)
              .execute()
          ).map((v) => [v.id, v]),
        );

        let total = Cents.of(0);
        let iva = Cents.of(0);
        for (const line of input.items) {
          const itemId = requireItem(items, line.variantId);
          const change = await claimDropItem(
            tx.db,
            itemId,
            line.quantity,
            'wholesale',
            {
              shopId,
              reason: 'wholesale',
              orderId,
              at: tx.now,
            },
          );
          if (!change) {
            throw problem(
              'sold-out',
              'Not enough units left, contingency included',
              {
                variantId: line.variantId,
              },
            );
          }
          changes.item(change);
          const price = prices.get(line.variantId);
          const lineTotal = Cents.times(
            Cents.of(price?.price_cents ?? 0),
            Units.of(line.quantity),
          );
          total = Cents.sum(total, lineTotal);
          iva = Cents.sum(
            iva,
            ivaIncluded(lineTotal, BasisPoints.of(price?.iva_rate_bp ?? 0)),
          );
        }

        const customerId = newId();
        await tx.db
          .insertInto('customers')
          .values({
            id: customerId,
            shop_id: shopId,
            email: input.buyer.email,
            name: input.buyer.name,
            created_at: tx.now,
          })
          .onConflict((c) =>
            c
              .columns(['shop_id', 'email'])
              .doUpdateSet({ name: input.buyer.name }),
          )
          .execute();
        const customer = await tx.db
          .selectFrom('customers')
          .select('id')
          .where('shop_id', '=', shopId)
          .where('email', '=', input.buyer.email)
          .executeTakeFirstOrThrow();

        await tx.db
          .insertInto('orders')
          .values({
            id: orderId,
            shop_id: shopId,
            drop_id: dropId,
            customer_id: customer.id,
            status: phase === 'confirmed' ? 'confirmed' : 'placed',
            channel: 'wholesale',
            ref: null,
            utm_source: null,
            fulfilment: 'shipping',
            slot_id: null,
            hub_id: null,
            shipping_address: input.address
              ? JSON.stringify(input.address)
              : null,
            pickup_code: newPickupCode(),
            total_cents: total,
            iva_cents: iva,
            created_at: tx.now,
            cancelled_at: null,
            cancel_reason: null,
          })
          .execute();
        await tx.db
          .insertInto('order_lines')
          .values(
            input.items.map((line) => ({
              order_id: orderId,
              variant_id: line.variantId,
              quantity: line.quantity,
              unit_price_cents: prices.get(line.variantId)?.price_cents ?? 0,
              iva_rate_bp: prices.get(line.variantId)?.iva_rate_bp ?? 0,
            })),
          )
          .execute();

        const event = await recordAvailability(
          tx.db,
          tx.postgres,
          dropId,
          changes,
          tx.now,
        );
        if (event) tx.events.push(event);
        return {
          status: 201,
          body: presentOrder(await loadOrderView(tx.db, orderId)),
        };
      },
    ),
  );
}
