/** Hryvnias as the agency reads them in notes: "48 000,50 грн" (kopiykas are integers throughout). */
export function formatUah(kopiykas: number): string {
  const whole = Math.trunc(kopiykas / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/gu, ' ');
  const rest = kopiykas % 100;
  return `${whole}${rest === 0 ? '' : `,${String(rest).padStart(2, '0')}`} грн`;
}

/** A signed unit price in its own currency: kopiykas for money lines, points for e-points lines. */
export function formatPrice(amount: number, funding: 'money' | 'e_points'): string {
  return funding === 'money' ? formatUah(amount) : `${amount} e-points`;
}
