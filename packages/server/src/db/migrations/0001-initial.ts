import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/* eslint-disable @typescript-eslint/no-explicit-any --
   migrations are frozen in time and must not follow today's types */

/**
 * The first schema: shops, co-ops, catalogue, drops and the stock ledger,
 * orders, events, subscribers, idempotency and the mail outbox.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = 'bigint';
  const serial = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
        pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('shops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('shop_members')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('owner', 'staff', 'stall')`),
    )
    .addPrimaryKeyConstraint('shop_members_pk', ['shop_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('coops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coop_shops')
    .addColumn('coop_id', 'text', (c) => c.notNull().references('coops.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addPrimaryKeyConstraint('coop_shops_pk', ['coop_id', 'shop_id'])
    .execute();

  await db.schema
    .createTable('coop_managers')
    .addColumn('coop_id', 'text', (c) => c.notNull().references('coops.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('coop_managers_pk', ['coop_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('variants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('product_id', 'text', (c) =>
      c.notNull().references('products.id'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('price_cents', 'integer', (c) =>
      c.notNull().check(sql`price_cents >= 0`),
    )
    .addColumn('iva_rate_bp', 'integer', (c) =>
      c.notNull().check(sql`iva_rate_bp between 0 and 10000`),
    )
    .addColumn('unit_cost_cents', 'integer', (c) =>
      c.notNull().check(sql`unit_cost_cents >= 0`),
    )
    .execute();

  await db.schema
    .createTable('drops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opens_at', instant, (c) => c.notNull())
    .addColumn('closes_at', instant, (c) => c.notNull())
    .addColumn('minimum_units', 'integer')
    .addColumn('contingency_bp', 'integer', (c) => c.notNull())
    .addColumn('production_date', instant)
    .addColumn('packing_date', instant)
    .addColumn('shipping', 'integer', (c) => c.notNull())
    .addColumn('event_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('settled_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  // The checks make the database itself refuse an oversold counter, as a
  // last line behind the conditional updates.
  await db.schema
    .createTable('drop_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('drop_id', 'text', (c) => c.notNull().references('drops.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) =>
      c.notNull().references('variants.id'),
    )
    .addColumn('cap', 'integer', (c) => c.notNull())
    .addColumn('contingency', 'integer', (c) => c.notNull())
    .addColumn('claimed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wholesale_claimed', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint(
      'drop_items_within_cap',
      sql`claimed >= 0 and claimed <= cap and wholesale_claimed >= 0
        and wholesale_claimed <= claimed
        and claimed - wholesale_claimed <= cap - contingency`,
    )
    .addUniqueConstraint('drop_items_variant', ['drop_id', 'variant_id'])
    .execute();

  await db.schema
    .createTable('popups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('coop_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('starts_at', instant, (c) => c.notNull())
    .addColumn('ends_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('popup_id', 'text', (c) => c.notNull().references('popups.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', instant, (c) => c.notNull())
    .addColumn('ends_at', instant, (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('claimed', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint(
      'slots_within_capacity',
      sql`claimed >= 0 and claimed <= capacity`,
    )
    .execute();

  await db.schema
    .createTable('hubs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('coop_id', 'text', (c) => c.notNull().references('coops.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('locker', 'bench')`),
    )
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('claimed', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint(
      'hubs_within_capacity',
      sql`claimed >= 0 and claimed <= capacity`,
    )
    .execute();

  await db.schema
    .createTable('drop_pickups')
    .addColumn('drop_id', 'text', (c) => c.notNull().references('drops.id'))
    .addColumn('popup_id', 'text', (c) => c.references('popups.id'))
    .addColumn('hub_id', 'text', (c) => c.references('hubs.id'))
    .execute();

  await db.schema
    .createTable('holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('drop_id', 'text', (c) => c.notNull().references('drops.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hold_lines')
    .addColumn('hold_id', 'text', (c) => c.notNull().references('holds.id'))
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('customers_shop_email', ['shop_id', 'email'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('drop_id', 'text', (c) => c.notNull().references('drops.id'))
    .addColumn('customer_id', 'text', (c) =>
      c.notNull().references('customers.id'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('ref', 'text')
    .addColumn('utm_source', 'text')
    .addColumn('fulfilment', 'text', (c) => c.notNull())
    .addColumn('slot_id', 'text', (c) => c.references('slots.id'))
    .addColumn('hub_id', 'text', (c) => c.references('hubs.id'))
    .addColumn('shipping_address', 'text')
    .addColumn('pickup_code', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('iva_cents', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('cancelled_at', instant)
    .addColumn('cancel_reason', 'text')
    .execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('variant_id', 'text', (c) =>
      c.notNull().references('variants.id'),
    )
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('iva_rate_bp', 'integer', (c) => c.notNull())
    .execute();

  await serial('stock_movements')
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('counter', 'text', (c) => c.notNull())
    .addColumn('counter_id', 'text', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('wholesale_delta', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('hold_id', 'text')
    .addColumn('order_id', 'text')
    .addColumn('at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('drop_events')
    .addColumn('drop_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('drop_events_pk', ['drop_id', 'seq'])
    .execute();

  await db.schema
    .createTable('subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('consent_at', instant, (c) => c.notNull())
    .addColumn('consent_text', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('unsubscribed_at', instant)
    .addUniqueConstraint('subscribers_shop_email', ['shop_id', 'email'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();

  await serial('mail_outbox')
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('sent_at', instant)
    .execute();

  const indexes: [string, string, string[]][] = [
    ['shop_members_user', 'shop_members', ['user_id']],
    ['products_shop', 'products', ['shop_id']],
    ['variants_product', 'variants', ['product_id']],
    ['drops_shop', 'drops', ['shop_id']],
    ['drops_status_close', 'drops', ['status', 'closes_at']],
    ['slots_popup', 'slots', ['popup_id']],
    ['hubs_coop', 'hubs', ['coop_id']],
    ['holds_status_expiry', 'holds', ['status', 'expires_at']],
    ['hold_lines_hold', 'hold_lines', ['hold_id']],
    ['orders_drop', 'orders', ['drop_id', 'status']],
    ['orders_shop', 'orders', ['shop_id', 'created_at']],
    ['order_lines_order', 'order_lines', ['order_id']],
    ['movements_counter', 'stock_movements', ['counter', 'counter_id']],
    ['drop_events_at', 'drop_events', ['at']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}
