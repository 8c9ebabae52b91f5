const euro = new Intl.NumberFormat('it-IT', {
  style: 'currency',
  currency: 'EUR',
});

/** An amount of cents as Italians read it: 45,00 €. */
export function formatEuro(cents: number): string {
  return euro.format(cents / 100);
}
