/** An order event's note holds at most this much (OrderEventSchema). */
export const NOTE_MAX_CHARS = 2000;

/**
 * A note that lists items (lines, products) within the note limit: as many
 * items as fit, then how many more there are. An order may have 200 lines,
 * and a note cut mid-word, or one the contract refuses, helps nobody.
 */
export function listNote(items: readonly string[], render: (list: string) => string): string {
  for (let shown = items.length; shown > 0; shown -= 1) {
    const more = items.length - shown;
    const note = render(items.slice(0, shown).join('; ') + (more > 0 ? `; and ${more} more` : ''));
    if (note.length <= NOTE_MAX_CHARS) return note;
  }
  return render(`${items.length} items`).slice(0, NOTE_MAX_CHARS);
}
